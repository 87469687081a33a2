using ControlPlane.Core.Model;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class OutageTests
{
    [Fact]
    public async Task While_Route53_is_unreachable_ApplyAsync_throws_a_transient_error_and_succeeds_once_it_is_back()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider(kit.Options() with { MaxAttempts = 3, RequestTimeout = TimeSpan.FromSeconds(1) });
        await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1", "192.0.2.1", 1)), default);
        var port = kit.Server.Port;

        await kit.Server.StopAsync();
        var failover = Desired(RoutingPolicy.Failover, ("dc2", "198.51.100.1", 1));
        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(failover, default));
        Assert.True(e.Transient);
        Assert.Contains("after 3 attempts", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DnsProviderException>(() => provider.ReadAsync(Name, default));

        await kit.Server.StartAsync();
        Assert.Equal(port, kit.Server.Port);
        var result = await provider.ApplyAsync(failover, default);

        Assert.True(result.Changed);
        Assert.Equal(["A - simple 30 [198.51.100.1]"], kit.Served());
    }
}
