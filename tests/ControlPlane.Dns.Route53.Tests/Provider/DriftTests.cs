using ControlPlane.Core.Model;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class DriftTests
{
    [Fact]
    public async Task Records_edited_behind_our_back_are_visible_through_ReadAsync_and_repaired_by_ApplyAsync()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        var desired = Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 10), ("ep2", "192.0.2.2", 20), ("ep3", "192.0.2.3", 30));
        await provider.ApplyAsync(desired, default);
        var published = kit.Served();

        // Someone edits the zone in the console: a value and a TTL changed, a Route 53 health check
        // attached, one endpoint deleted and a stranger added.
        kit.Zone.Put(new() { Name = Name, Type = "A", SetIdentifier = "ep1", Weight = 10, Ttl = 300, Values = ["203.0.113.66"] });
        kit.Zone.Put(new() { Name = Name, Type = "A", SetIdentifier = "ep2", Weight = 20, Ttl = 30, Values = ["192.0.2.2"], HealthCheckId = "abcdef01-2345-6789-abcd-ef0123456789" });
        Assert.True(kit.Zone.Remove(Name, "A", "ep3"));
        kit.Zone.Put(new() { Name = Name, Type = "A", SetIdentifier = "rogue", Weight = 255, Ttl = 30, Values = ["198.51.100.66"] });

        var drifted = await provider.ReadAsync(Name, default);
        Assert.Contains(drifted, r => r is { SetIdentifier: "ep1", Value: "203.0.113.66", Ttl: 300 });
        Assert.Contains(drifted, r => r is { SetIdentifier: "rogue", Value: "198.51.100.66", Weight: 255 });
        Assert.DoesNotContain(drifted, r => r.SetIdentifier == "ep3");

        var repair = await provider.ApplyAsync(desired, default);

        Assert.True(repair.Changed);
        Assert.Equal(published, kit.Served());
        Assert.All(kit.Zone.AddressSetsAt(Name), s => Assert.Null(s.HealthCheckId));
        Assert.False((await provider.ApplyAsync(desired, default)).Changed);
    }

    [Fact]
    public async Task A_simple_record_created_behind_our_back_is_replaced_by_the_desired_policy()
    {
        await using var kit = await StartAsync();
        kit.Zone.Put(new() { Name = Name, Type = "A", Ttl = 60, Values = ["203.0.113.1", "203.0.113.2"] });
        kit.Zone.Put(new() { Name = Name, Type = "AAAA", Ttl = 60, Values = ["2001:db8::dead"] });
        var provider = kit.Provider();

        await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1), ("ep2", "192.0.2.2", 1)), default);

        Assert.Equal(["A ep1 multivalue 30 [192.0.2.1]", "A ep2 multivalue 30 [192.0.2.2]"], kit.Served());
    }
}
