using System.Text.Json;
using ControlPlane.Testing.Chaos;
using static ControlPlane.Chaos.Tests.HistoryBuilder;

namespace ControlPlane.Chaos.Tests;

/// <summary>A history written as JSON lines reads back the same, so a failed run can be checked again.</summary>
public sealed class HistoryJsonTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Json_round_trip_preserves_the_settings_and_every_event_kind()
    {
        var history = Good().Provider(40, false).Provider(41, true).Webhook(42, "d2", endpoint: null).Build();
        Assert.Equal(8, history.Events.Select(e => e.GetType()).Distinct().Count());
        var path = Path.GetTempFileName();
        try
        {
            await history.WriteAsync(path);
            var read = History.Read(path);

            Assert.Equal(history.Settings.Regions, read.Settings.Regions);
            Assert.Equal(history.Settings.Services["web"], read.Settings.Services["web"]);
            Assert.Equal(
                (history.Settings.Quorum, history.Settings.DetectionWindow, history.Settings.ActBound, history.Settings.Seed),
                (read.Settings.Quorum, read.Settings.DetectionWindow, read.Settings.ActBound, read.Settings.Seed));
            Assert.Equal(history.Events.Select(e => e.GetType()), read.Events.Select(e => e.GetType()));
            Assert.Equal(history.Events.Select(AsJson), read.Events.Select(AsJson));
            Assert.Equal(Regions, read.Events.OfType<TruthChanged>().First().DownFrom);
            Assert.Null(read.Events.OfType<WebhookReceived>().Last().Endpoint);
            Assert.Equal(S(14.5), read.Events.OfType<DnsChangeRecorded>().First().At);
            Assert.True(HistoryChecker.Check(read).Passed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string AsJson(HistoryEvent e) => JsonSerializer.Serialize(e, Json);
}
