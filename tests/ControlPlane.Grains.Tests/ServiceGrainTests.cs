using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Grains.Tests;

public sealed class ServiceGrainTests : IDisposable
{
    private const string Name = "web.example.test.";
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-grains-").FullName;

    private string Database => Path.Combine(_dir, "store.db");

    private static ServiceDnsDefinition Dns() => new("dns", Name, 30);

    [Fact]
    public async Task An_unhealthy_endpoint_leaves_dns_and_the_change_is_recorded_once_with_its_reason()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var silo = await ServiceHarness.StartAsync(Database, ServiceHarness.Web(RoutingPolicy.Multivalue, Dns(), 3), provider);
        await silo.ReportAsync("web-1", EndpointHealth.Healthy);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 3), "all three published");

        await silo.ReportAsync("web-2", EndpointHealth.Unhealthy);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.1", "192.0.2.3"])), "web-2 removed");

        var change = (await silo.ChangesAsync()).First();
        Assert.Equal(["192.0.2.1", "192.0.2.3"], change.After);
        Assert.Contains("web-2 unhealthy", change.Reason);
        Assert.NotNull(change.AppliedAt);
    }

    [Fact]
    public async Task Dry_run_records_the_change_it_would_make_and_calls_no_provider()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var silo = await ServiceHarness.StartAsync(Database, ServiceHarness.Web(RoutingPolicy.Failover, Dns() with { DryRun = true }, 2), provider);
        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);

        await ServiceHarness.EventuallyAsync(async () => (await silo.ChangesAsync()).Any(c => c.After.SequenceEqual(["192.0.2.2"])), "dry-run change recorded");
        Assert.All(await silo.ChangesAsync(), c => Assert.True(c.DryRun));
        Assert.Empty(provider.Applied);
    }

    [Fact]
    public async Task The_min_healthy_guard_holds_a_change_that_would_shrink_the_set_below_the_minimum()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var silo = await ServiceHarness.StartAsync(Database, ServiceHarness.Web(RoutingPolicy.Multivalue, Dns() with { MinHealthy = 2 }, 3), provider);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 3), "all three published");

        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 2), "one removed (2 left is allowed)");

        await silo.ReportAsync("web-2", EndpointHealth.Unhealthy);
        await ServiceHarness.EventuallyAsync(async () => (await silo.Service.GetSnapshotAsync()).LastError?.Contains("min-healthy guard") == true, "guard reported");
        Assert.Equal(["192.0.2.2", "192.0.2.3"], provider.Serving(Name));

        await silo.ReportAsync("web-1", EndpointHealth.Healthy);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.1", "192.0.2.3"])), "guard released");
        Assert.Null((await silo.Service.GetSnapshotAsync()).LastError);
    }

    [Fact]
    public async Task Changes_beyond_the_limit_wait_for_the_window_and_then_apply_the_newest_desired_set()
    {
        var provider = new RecordingDnsProvider("dns");
        var dns = Dns() with { MaxChanges = 2, ChangeWindow = TimeSpan.FromSeconds(3) };
        await using var silo = await ServiceHarness.StartAsync(Database, ServiceHarness.Web(RoutingPolicy.Multivalue, dns, 3), provider);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 3), "first change: all three");
        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 2), "second change");
        var limitReachedAt = DateTime.UtcNow;

        await silo.ReportAsync("web-2", EndpointHealth.Unhealthy);
        await silo.ReportAsync("web-2", EndpointHealth.Healthy);
        await silo.ReportAsync("web-3", EndpointHealth.Unhealthy);
        await ServiceHarness.EventuallyAsync(async () => (await silo.Service.GetSnapshotAsync()).LastError?.Contains("change limit") == true, "limit reported");
        Assert.Equal(2, provider.Applied.Count);

        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.2"])), "newest desired applied after the window", seconds: 8);
        Assert.True(DateTime.UtcNow - limitReachedAt >= TimeSpan.FromSeconds(1.5), "applied before the window allowed it");
        Assert.Equal(3, provider.Applied.Count);
    }

    [Fact]
    public async Task Records_changed_behind_our_back_are_repaired_and_the_repair_is_recorded()
    {
        var provider = new RecordingDnsProvider("dns");
        var dns = Dns() with { ReconcileEvery = TimeSpan.FromSeconds(1) };
        await using var silo = await ServiceHarness.StartAsync(Database, ServiceHarness.Web(RoutingPolicy.Failover, dns, 2), provider);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.1"])), "tier 1 published");

        provider.Tamper(Name, "203.0.113.66");
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.1"])), "drift repaired", seconds: 5);
        var repair = (await silo.ChangesAsync()).First();
        Assert.StartsWith("drift repaired", repair.Reason);
        Assert.Equal(["203.0.113.66"], repair.Before);
    }

    [Fact]
    public async Task A_change_the_provider_refused_while_down_is_applied_after_a_restart_and_recorded_once()
    {
        var provider = new RecordingDnsProvider("dns");
        var service = ServiceHarness.Web(RoutingPolicy.Failover, Dns(), 2);
        await using (var first = await ServiceHarness.StartAsync(Database, service, provider))
        {
            await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.1"])), "tier 1 published");
            provider.Failing = true;
            await first.ReportAsync("web-1", EndpointHealth.Unhealthy);
            await ServiceHarness.EventuallyAsync(async () => (await first.Service.GetSnapshotAsync()).Pending is not null, "change pending");
            await first.StopLeasesAsync();
        }

        provider.Failing = false;
        await using var second = await ServiceHarness.StartAsync(Database, service, provider, silo: "silo-b");
        await second.Service.GetSnapshotAsync(); // activates: resumes the pending intent
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.2"])), "pending change applied");
        await Task.Delay(500);
        var changes = await second.ChangesAsync();
        var failover = Assert.Single(changes, c => c.After.SequenceEqual(["192.0.2.2"]));
        Assert.Contains("web-1 unhealthy", failover.Reason);
        Assert.Equal(changes.Count, changes.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_deposed_owner_never_reaches_the_provider()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var old = await ServiceHarness.StartAsync(Database, ServiceHarness.Web(RoutingPolicy.Failover, Dns(), 2), provider);
        await ServiceHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["192.0.2.1"])), "tier 1 published");
        var applied = provider.Applied.Count;

        // Another silo takes the service shards (the old one is paused, its lease run out).
        foreach (var shard in new ControlPlane.Runtime.ShardMap(4).ShardsOf(GrainKinds.Service))
        {
            await old.Store.Leases.TryAcquireAsync(shard, "silo-new", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(1), default);
        }

        await old.ReportAsync("web-1", EndpointHealth.Unhealthy);
        await Task.Delay(1000);
        Assert.Equal(applied, provider.Applied.Count);
        Assert.Equal(["192.0.2.1"], provider.Serving(Name));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
