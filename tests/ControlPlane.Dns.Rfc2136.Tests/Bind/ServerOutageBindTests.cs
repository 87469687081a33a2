using System.Diagnostics;
using System.Net;
using ControlPlane.Dns.Rfc2136.Tests.Support;

namespace ControlPlane.Dns.Rfc2136.Tests.Bind;

[Collection(BindCollection.Name)]
public class ServerOutageBindTests
{
    private readonly BindFixture _bind;

    public ServerOutageBindTests(BindFixture bind) => _bind = bind;

    [Fact]
    public async Task With_bind_stopped_an_apply_is_a_transient_error_and_applies_once_bind_is_back()
    {
        var provider = _bind.CreateProvider();
        await provider.ApplyAsync(Rfc2136ProviderBindTests.Set("outage", "192.0.2.120"), CancellationToken.None);
        var failover = Rfc2136ProviderBindTests.Set("outage", "192.0.2.121");

        await _bind.Server.StopAsync();
        DnsProviderException error;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            error = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(failover, CancellationToken.None));
        }
        finally
        {
            await _bind.Server.StartAsync();
        }

        Assert.True(error.Transient);
        Assert.Contains("cannot reach", error.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(["192.0.2.120"], await _bind.Server.DigAsync("outage.cp.test."));

        var result = await provider.ApplyAsync(failover, CancellationToken.None);

        Assert.True(result.Changed);
        Assert.Equal(["192.0.2.121"], await _bind.Server.DigAsync("outage.cp.test."));
    }

    /// <summary>
    /// BIND frozen (SIGSTOP) while an update is on its way keeps it in its socket and applies it on
    /// SIGCONT, after the provider gave up on it and may have published something else: here the
    /// set the late update replaced. The fence makes the late update fail instead of undoing that.
    /// </summary>
    [Fact]
    public async Task An_update_that_timed_out_and_reaches_bind_later_cannot_undo_a_newer_apply()
    {
        await using var proxy = new HoldingUdpProxy(IPEndPoint.Parse(_bind.Server.Server));
        var settings = _bind.Settings();
        settings["server"] = proxy.EndPoint.ToString();
        var provider = _bind.CreateProvider(settings);
        var stable = Rfc2136ProviderBindTests.Set("late", "192.0.2.140");
        await provider.ApplyAsync(stable, CancellationToken.None);

        proxy.Hold();
        await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(Rfc2136ProviderBindTests.Set("late", "192.0.2.141"), CancellationToken.None));
        var late = proxy.Pass();
        Assert.NotEmpty(late);

        // The endpoint came back meanwhile: the wanted set is the one BIND still serves.
        var again = await provider.ApplyAsync(stable, CancellationToken.None);
        Assert.False(again.Changed);

        foreach (var update in late)
        {
            var rcode = await proxy.DeliverLateAsync(update);
            Assert.True(rcode is 7 or 8, $"the late update was answered with rcode {rcode}, not YXRRSET/NXRRSET");
        }

        Assert.Equal(["192.0.2.140"], await _bind.Server.DigAsync("late.cp.test."));
    }
}
