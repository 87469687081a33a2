using ControlPlane.Core.Model;
using ControlPlane.Testing.Route53;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class FailoverRecordTests
{
    [Fact]
    public async Task Failover_policy_publishes_a_simple_record_set_per_family_and_flips_to_the_next_tier()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();

        var first = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1-a", "192.0.2.1", 1), ("dc1-b", "192.0.2.2", 1), ("dc1-v6", "2001:db8::1", 1)), default);
        Assert.True(first.Changed);
        Assert.Equal(["A - simple 30 [192.0.2.1,192.0.2.2]", "AAAA - simple 30 [2001:db8::1]"], kit.Served());

        var flipped = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc2-a", "198.51.100.7", 1)), default);

        Assert.True(flipped.Changed);
        Assert.Equal(["A - simple 30 [198.51.100.7]"], kit.Served());
        Assert.Contains("UPSERT A api.example.com.", flipped.Summary, StringComparison.Ordinal);
        Assert.Contains("DELETE AAAA api.example.com.", flipped.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failover_records_hold_the_published_tier_in_the_PRIMARY_set_and_flip_it()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider(kit.Options() with { FailoverRecords = true });

        await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1-a", "192.0.2.1", 1), ("dc1-b", "192.0.2.2", 1)), default);
        Assert.Equal(["A primary failover PRIMARY 30 [192.0.2.1,192.0.2.2]"], kit.Served());

        var flipped = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc2-a", "198.51.100.7", 1), ("dc2-v6", "2001:db8::7", 1)), default);

        Assert.True(flipped.Changed);
        Assert.Equal(["A primary failover PRIMARY 30 [198.51.100.7]", "AAAA primary failover PRIMARY 30 [2001:db8::7]"], kit.Served());
        var read = await provider.ReadAsync(Name, default);
        Assert.Equal(["198.51.100.7", "2001:db8::7"], read.Select(r => r.Value).Order(StringComparer.Ordinal));
        Assert.All(read, r => Assert.Equal("primary", r.SetIdentifier));
    }

    [Fact]
    public async Task Switching_between_simple_and_failover_records_deletes_the_old_kind_in_the_same_batch()
    {
        await using var kit = await StartAsync();
        var desired = Desired(RoutingPolicy.Failover, ("dc1-a", "192.0.2.1", 1));
        await kit.Provider().ApplyAsync(desired, default);

        var toFailoverRecords = await kit.Provider(kit.Options() with { FailoverRecords = true }).ApplyAsync(desired, default);
        Assert.True(toFailoverRecords.Changed);
        Assert.Equal(["A primary failover PRIMARY 30 [192.0.2.1]"], kit.Served());

        var back = await kit.Provider().ApplyAsync(desired, default);
        Assert.True(back.Changed);
        Assert.Equal(["A - simple 30 [192.0.2.1]"], kit.Served());
        Assert.DoesNotContain(kit.Server.Requests, r => r.ErrorCode == "InvalidChangeBatch");
        Assert.Equal(3, kit.Server.Requests.Count(r => r.Operation == "ChangeResourceRecordSets"));
    }

    [Fact]
    public async Task Applying_the_same_set_twice_changes_nothing_the_second_time()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider();
        var desired = Desired(RoutingPolicy.Failover, ("dc1-a", "192.0.2.1", 1));

        Assert.True((await provider.ApplyAsync(desired, default)).Changed);
        var again = await provider.ApplyAsync(desired, default);

        Assert.False(again.Changed);
        Assert.Null(again.ProviderChangeId);
        Assert.Single(kit.Server.Requests, r => r.Operation == "ChangeResourceRecordSets");
    }

    [Fact]
    public async Task InSyncAt_is_when_GetChange_first_reported_INSYNC()
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.InSyncDelay = TimeSpan.FromMilliseconds(400);
        var provider = kit.Provider();

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1-a", "192.0.2.1", 1)), default);
        var returned = DateTimeOffset.UtcNow;

        var change = Assert.Single(kit.Server.Changes);
        Assert.Equal(change.Id, result.ProviderChangeId);
        Assert.NotNull(result.InSyncAt);
        Assert.True(result.InSyncAt >= change.InSyncAt, $"INSYNC reported at {result.InSyncAt:O}, before the change was in sync at {change.InSyncAt:O}");
        Assert.True(result.InSyncAt <= returned, $"INSYNC reported at {result.InSyncAt:O}, after the apply returned at {returned:O}");
        Assert.True(kit.Server.Requests.Count(r => r.Operation == "GetChange") >= 2, "polled while PENDING, then saw INSYNC");
    }

    [Fact]
    public async Task Without_INSYNC_within_the_timeout_the_apply_returns_without_InSyncAt()
    {
        await using var kit = await StartAsync();
        kit.Server.Behaviour.InSyncDelay = TimeSpan.FromMinutes(5);
        var provider = kit.Provider(kit.Options() with { InSyncTimeout = TimeSpan.FromMilliseconds(200) });

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1-a", "192.0.2.1", 1)), default);

        Assert.True(result.Changed);
        Assert.Null(result.InSyncAt);
        Assert.Contains("INSYNC not confirmed", result.Summary, StringComparison.Ordinal);
        Assert.Equal(["A - simple 30 [192.0.2.1]"], kit.Served());
    }
}
