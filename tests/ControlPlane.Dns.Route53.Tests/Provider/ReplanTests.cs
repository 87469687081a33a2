using ControlPlane.Core.Model;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class ReplanTests
{
    [Fact]
    public async Task A_batch_refused_because_the_zone_changed_after_our_read_is_replanned_from_a_fresh_read()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 1)), default);

        // Between our read and our write someone creates ep2 with another value: our CREATE is refused.
        kit.Server.Behaviour.BeforeNextChange = zone =>
            zone.Put(new() { Name = Name, Type = "A", SetIdentifier = "ep2", Weight = 9, Ttl = 30, Values = ["203.0.113.2"] });
        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 1), ("ep2", "192.0.2.2", 1)), default);

        Assert.True(result.Changed);
        Assert.StartsWith("UPSERT A api.example.com. ep2", result.Summary, StringComparison.Ordinal);
        Assert.Single(kit.Server.Requests, r => r.ErrorCode == "InvalidChangeBatch");
        Assert.Equal(["A ep1 weighted w1 30 [192.0.2.1]", "A ep2 weighted w1 30 [192.0.2.2]"], kit.Served());
    }

    [Fact]
    public async Task A_change_whose_response_was_lost_is_not_made_twice_and_still_counts_as_a_change()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        kit.Server.Behaviour.LoseResponseOfNextChanges(1);

        // The CREATE is applied but answered 500; its retry is refused ("already exists"); the re-read finds it done.
        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1)), default);

        Assert.True(result.Changed);
        Assert.Equal(["A ep1 multivalue 30 [192.0.2.1]"], kit.Served());
        Assert.Single(kit.Server.Changes);
        Assert.Single(kit.Server.Requests, r => r.ErrorCode == "InvalidChangeBatch");
    }
}
