using ControlPlane.Core.Model;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class RoutingPolicyTests
{
    [Fact]
    public async Task Multivalue_publishes_one_record_set_per_endpoint_and_deletes_endpoints_no_longer_published()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();

        await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1), ("ep2", "192.0.2.2", 1), ("ep3", "2001:db8::3", 1)), default);
        Assert.Equal(
            ["A ep1 multivalue 30 [192.0.2.1]", "A ep2 multivalue 30 [192.0.2.2]", "AAAA ep3 multivalue 30 [2001:db8::3]"],
            kit.Served());

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1), ("ep3", "2001:db8::3", 1)), default);

        Assert.Equal(["A ep1 multivalue 30 [192.0.2.1]", "AAAA ep3 multivalue 30 [2001:db8::3]"], kit.Served());
        Assert.StartsWith("DELETE A api.example.com. ep2 multivalue", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weighted_publishes_each_endpoint_with_its_weight_and_upserts_a_changed_weight()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();

        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 10), ("ep2", "192.0.2.2", 20)), default);
        Assert.Equal(["A ep1 weighted w10 30 [192.0.2.1]", "A ep2 weighted w20 30 [192.0.2.2]"], kit.Served());

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 10), ("ep2", "192.0.2.2", 0)), default);

        Assert.Equal(["A ep1 weighted w10 30 [192.0.2.1]", "A ep2 weighted w0 30 [192.0.2.2]"], kit.Served());
        Assert.StartsWith("UPSERT A api.example.com. ep2 weight 0", result.Summary, StringComparison.Ordinal);
        var read = await provider.ReadAsync(Name, default);
        Assert.Contains(read, r => r is { SetIdentifier: "ep2", Weight: 0, Value: "192.0.2.2", Ttl: 30, Type: "A" });
    }

    [Fact]
    public async Task Changing_the_policy_replaces_every_record_set_of_the_old_policy()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 10), ("ep2", "192.0.2.2", 20)), default);

        await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1), ("ep3", "192.0.2.3", 1)), default);
        Assert.Equal(["A ep1 multivalue 30 [192.0.2.1]", "A ep3 multivalue 30 [192.0.2.3]"], kit.Served());

        await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("ep9", "192.0.2.9", 1)), default);
        Assert.Equal(["A - simple 30 [192.0.2.9]"], kit.Served());
    }

    [Fact]
    public async Task Records_at_other_names_and_of_other_types_are_left_alone()
    {
        await using var kit = await StartAsync();
        kit.Zone.Put(new() { Name = Name, Type = "TXT", Ttl = 300, Values = ["\"owned by someone else\""] });
        kit.Zone.Put(new() { Name = "www.example.com.", Type = "A", Ttl = 60, Values = ["203.0.113.5"] });
        kit.Zone.Put(new() { Name = "a.api.example.com.", Type = "A", Ttl = 60, Values = ["203.0.113.6"] });
        var provider = kit.Provider();

        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 10)), default);
        await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("ep2", "192.0.2.2", 1)), default);

        Assert.Contains(kit.Zone.RecordSets, s => s is { Name: Name, Type: "TXT" });
        Assert.Contains(kit.Zone.RecordSets, s => s is { Name: "www.example.com.", Type: "A" });
        Assert.Contains(kit.Zone.RecordSets, s => s is { Name: "a.api.example.com.", Type: "A" });
        Assert.Equal(["A - simple 30 [192.0.2.2]"], kit.Served());
        Assert.Equal(["192.0.2.2"], (await provider.ReadAsync(Name, default)).Select(r => r.Value));
    }

    [Fact]
    public async Task A_weight_outside_0_to_255_is_refused_before_anything_is_sent()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();

        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 300)), default));

        Assert.False(e.Transient);
        Assert.Contains("weight 300", e.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Server.Requests);
    }
}
