using System.Diagnostics;

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
}
