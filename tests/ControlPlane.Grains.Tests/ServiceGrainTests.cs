using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Service;
using ControlPlane.Storage;

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
        await using var silo = await SiloHarness.StartAsync(Database, SiloHarness.Web(RoutingPolicy.Multivalue, Dns(), 3), provider);
        await silo.ReportAsync("web-1", EndpointHealth.Healthy);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 3), "all three published");

        await silo.ReportAsync("web-2", EndpointHealth.Unhealthy);
        await silo.PublishedAsync("127.0.3.1", "127.0.3.3");

        Assert.Equal(["127.0.3.1", "127.0.3.3"], provider.Serving(Name));
        var change = Assert.Single(await silo.ChangesAsync(), c => c.After.SequenceEqual(["127.0.3.1", "127.0.3.3"]));
        Assert.Contains("web-2 unhealthy", change.Reason);
        Assert.NotNull(change.AppliedAt);
    }

    [Fact]
    public async Task Dry_run_records_the_change_it_would_make_and_calls_no_provider()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var silo = await SiloHarness.StartAsync(Database, SiloHarness.Web(RoutingPolicy.Failover, Dns() with { DryRun = true }, 2), provider);
        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);

        await SiloHarness.EventuallyAsync(async () => (await silo.ChangesAsync()).Any(c => c.After.SequenceEqual(["127.0.3.2"])), "dry-run change recorded");
        Assert.All(await silo.ChangesAsync(), c => Assert.True(c.DryRun));
        Assert.Empty(provider.Applied);
    }

    [Fact]
    public async Task The_min_healthy_guard_holds_a_change_that_would_shrink_the_set_below_the_minimum()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var silo = await SiloHarness.StartAsync(Database, SiloHarness.Web(RoutingPolicy.Multivalue, Dns() with { MinHealthy = 2 }, 3), provider);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 3), "all three published");

        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 2), "one removed (2 left is allowed)");

        await silo.ReportAsync("web-2", EndpointHealth.Unhealthy);
        await SiloHarness.EventuallyAsync(async () => (await silo.Service.GetSnapshotAsync()).LastError?.Contains("min-healthy guard") == true, "guard reported");
        Assert.Equal(["127.0.3.2", "127.0.3.3"], provider.Serving(Name));

        await silo.ReportAsync("web-1", EndpointHealth.Healthy);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["127.0.3.1", "127.0.3.3"])), "guard released");
        Assert.Null((await silo.Service.GetSnapshotAsync()).LastError);
    }

    [Fact]
    public async Task Changes_beyond_the_limit_wait_for_the_window_and_then_apply_the_newest_desired_set()
    {
        var provider = new RecordingDnsProvider("dns");
        var dns = Dns() with { MaxChanges = 2, ChangeWindow = TimeSpan.FromSeconds(3) };
        await using var silo = await SiloHarness.StartAsync(Database, SiloHarness.Web(RoutingPolicy.Multivalue, dns, 3), provider);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 3), "first change: all three");
        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).Length == 2), "second change");
        var limitReachedAt = DateTime.UtcNow;

        await silo.ReportAsync("web-2", EndpointHealth.Unhealthy);
        await silo.ReportAsync("web-2", EndpointHealth.Healthy);
        await silo.ReportAsync("web-3", EndpointHealth.Unhealthy);
        await SiloHarness.EventuallyAsync(async () => (await silo.Service.GetSnapshotAsync()).LastError?.Contains("change limit") == true, "limit reported");
        Assert.Equal(2, provider.Applied.Count);

        await SiloHarness.EventuallyAsync(() => Task.FromResult(provider.Serving(Name).SequenceEqual(["127.0.3.2"])), "newest desired applied after the window", seconds: 8);
        Assert.True(DateTime.UtcNow - limitReachedAt >= TimeSpan.FromSeconds(1.5), "applied before the window allowed it");
        Assert.Equal(3, provider.Applied.Count);
    }

    [Fact]
    public async Task Records_changed_behind_our_back_are_repaired_and_the_repair_is_recorded()
    {
        var provider = new RecordingDnsProvider("dns");
        var dns = Dns() with { ReconcileEvery = TimeSpan.FromSeconds(1) };
        await using var silo = await SiloHarness.StartAsync(Database, SiloHarness.Web(RoutingPolicy.Failover, dns, 2), provider);
        await silo.PublishedAsync("127.0.3.1");

        provider.Tamper(Name, "203.0.113.66");
        await SiloHarness.EventuallyAsync(async () => (await silo.ChangesAsync()).Any(c => c.Reason.StartsWith("drift repaired", StringComparison.Ordinal) && c.AppliedAt is not null), "drift repaired", seconds: 5);

        Assert.Equal(["127.0.3.1"], provider.Serving(Name));
        var repair = Assert.Single(await silo.ChangesAsync(), c => c.Reason.StartsWith("drift repaired", StringComparison.Ordinal));
        Assert.Equal(["203.0.113.66"], repair.Before);
        Assert.Equal(["127.0.3.1"], repair.After);
    }

    [Fact]
    public async Task A_change_the_provider_refused_while_down_is_applied_after_a_restart_and_recorded_once()
    {
        var provider = new RecordingDnsProvider("dns");
        var service = SiloHarness.Web(RoutingPolicy.Failover, Dns(), 2);
        await using (var first = await SiloHarness.StartAsync(Database, service, provider))
        {
            await first.PublishedAsync("127.0.3.1");
            provider.Failing = true;
            await first.ReportAsync("web-1", EndpointHealth.Unhealthy);
            await SiloHarness.EventuallyAsync(async () => (await first.Service.GetSnapshotAsync()).LastError?.Contains("provider down") == true, "the provider refused the change");
            Assert.Equal(["127.0.3.2"], (await first.StoredStateAsync<ServiceGrainState>(SiloHarness.ServiceKey)).Pending?.After);
        }

        provider.Failing = false;
        await using var second = await SiloHarness.StartAsync(Database, service, provider); // activation resumes the pending intent
        await second.PublishedAsync("127.0.3.2");

        Assert.Equal(["127.0.3.2"], provider.Serving(Name));
        Assert.Null((await second.StoredStateAsync<ServiceGrainState>(SiloHarness.ServiceKey)).Pending); // nothing left to apply again
        var changes = await second.ChangesAsync();
        var failover = Assert.Single(changes, c => c.After.SequenceEqual(["127.0.3.2"]));
        Assert.Contains("web-1 unhealthy", failover.Reason);
        Assert.Equal(changes.Count, changes.Select(c => c.Id).Distinct().Count());
        Assert.Single(provider.Applied, d => d.Targets.Count == 1 && d.Targets[0].Address.ToString() == "127.0.3.2");
    }

    [Fact]
    public async Task A_stale_activation_whose_state_a_newer_writer_replaced_is_fenced_before_the_provider_and_the_next_call_reactivates_from_the_store()
    {
        var provider = new RecordingDnsProvider("dns");
        await using var silo = await SiloHarness.StartAsync(Database, SiloHarness.Web(RoutingPolicy.Failover, Dns(), 2), provider);
        await silo.PublishedAsync("127.0.3.1");
        var applied = provider.Applied.Count;
        var stale = silo.ActivationOf(silo.Service);
        Assert.NotNull(stale);

        var newer = await silo.OverwriteAsNewerActivationAsync<ServiceGrainState>(SiloHarness.ServiceKey, s => s.Epoch++);
        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy);

        await SiloHarness.EventuallyAsync(() => Task.FromResult(silo.GrainState.Writes.Any(w => w.Refused && w.Write.Grain == SiloHarness.ServiceKey)), "the stale intent write refused");
        var refused = Assert.Single(silo.GrainState.Writes, w => w.Refused);
        Assert.Equal(["127.0.3.2"], StoreJson.Deserialize<ServiceGrainState>(refused.Write.StateJson).Pending?.After); // it was the intent
        await SiloHarness.EventuallyAsync(() => Task.FromResult(silo.ActivationOf(silo.Service) != stale), "the stale activation deactivated");

        Assert.Equal(applied, provider.Applied.Count);
        Assert.Equal(["127.0.3.1"], provider.Serving(Name));
        Assert.DoesNotContain(await silo.ChangesAsync(), c => c.After.SequenceEqual(["127.0.3.2"]));

        var snapshot = await silo.Service.GetSnapshotAsync();
        var fresh = silo.ActivationOf(silo.Service);
        Assert.NotNull(fresh);
        Assert.NotEqual(stale, fresh);
        // The fresh activation holds the stored state plus what the endpoint grain itself says (it asks after
        // activation: reports to the stale activation are lost with it), never the stale activation's memory.
        Assert.NotEqual(EndpointHealth.Unhealthy, snapshot.Endpoints.GetValueOrDefault("web-1").Health);
        Assert.Equal(newer.Epoch + 1, (await silo.StoredStateAsync<ServiceGrainState>(SiloHarness.ServiceKey)).Epoch);

        await silo.ReportAsync("web-1", EndpointHealth.Unhealthy); // the endpoint's next republish reaches the fresh activation
        await silo.PublishedAsync("127.0.3.2");
        Assert.Single(await silo.ChangesAsync(), c => c.After.SequenceEqual(["127.0.3.2"]));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
