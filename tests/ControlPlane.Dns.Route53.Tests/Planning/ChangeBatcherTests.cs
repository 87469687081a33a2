using System.Globalization;
using ControlPlane.Dns.Route53.Planning;
using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Tests.Planning;

public sealed class ChangeBatcherTests
{
    [Fact]
    public void Changes_are_split_at_100_per_request_in_their_order()
    {
        var changes = Enumerable.Range(0, 250).Select(i => Create($"s{i}", 1)).ToList();

        var batches = ChangeBatcher.Split(changes, ChangeBatchLimits.Route53);

        Assert.Equal([100, 100, 50], batches.Select(b => b.Count));
        Assert.Equal(changes, batches.SelectMany(b => b));
    }

    [Fact]
    public void Upserts_count_their_records_twice()
    {
        var changes = new[] { Upsert("a", 300), Upsert("b", 300), Create("c", 300) };

        var batches = ChangeBatcher.Split(changes, ChangeBatchLimits.Route53);

        // 600 + 600 > 1,000; then 600 + 300 fits.
        Assert.Equal([["a"], ["b", "c"]], batches.Select(b => b.Select(c => c.RecordSet.SetIdentifier!).ToArray()));
    }

    [Fact]
    public void Value_characters_are_limited_to_32000_per_request()
    {
        // 200 values of 39 characters: 7,800 per CREATE, 15,600 per UPSERT.
        var changes = new[] { Upsert("a", 200, longValues: true), Upsert("b", 200, longValues: true), Create("c", 200, longValues: true) };

        var batches = ChangeBatcher.Split(changes, ChangeBatchLimits.Route53 with { MaxRecords = 100_000 });

        Assert.Equal([2, 1], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.True(b.Sum(c => c.ValueCharacters) <= 32000));
    }

    [Fact]
    public void A_change_too_big_for_one_request_is_refused()
    {
        var e = Assert.Throws<ChangeTooLargeException>(() => ChangeBatcher.Split([Upsert("a", 501)], ChangeBatchLimits.Route53));
        Assert.Contains("1002 records", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_changes_make_no_requests() =>
        Assert.Empty(ChangeBatcher.Split([], ChangeBatchLimits.Route53));

    private static Change Create(string id, int values, bool longValues = false) => new(ChangeAction.Create, Set(id, values, longValues));

    private static Change Upsert(string id, int values, bool longValues = false) => new(ChangeAction.Upsert, Set(id, values, longValues));

    private static ResourceRecordSet Set(string id, int values, bool longValues) => new()
    {
        Name = "api.example.com.",
        Type = longValues ? "AAAA" : "A",
        SetIdentifier = id,
        Weight = 1,
        Ttl = 30,
        Values = Enumerable.Range(0, values)
            .Select(i => longValues ? $"2001:0db8:0000:0000:0000:0000:{i / 65536:x4}:{i % 65536:x4}" : $"10.0.{(i / 250).ToString(CultureInfo.InvariantCulture)}.{(i % 250).ToString(CultureInfo.InvariantCulture)}")
            .ToList(),
    };
}
