using ControlPlane.Core.Definitions;
using ControlPlane.Core.Drains;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Storage;
using Orleans.Storage;

namespace ControlPlane.Grains.Tests;

public sealed class EndpointGrainTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-grains-").FullName;

    private string Database => Path.Combine(_dir, "store.db");

    private static ServiceDefinition Web() => SiloHarness.Web(RoutingPolicy.Multivalue, new ServiceDnsDefinition("dns", "web.example.test.", 30), 2);

    [Fact]
    public async Task An_endpoint_decision_and_its_audit_record_are_stored_in_one_write()
    {
        await using var silo = await SiloHarness.StartAsync(Database, Web(), new RecordingDnsProvider("dns"));
        var endpoint = silo.Endpoint("web-1");
        await endpoint.KeepAliveAsync();

        await endpoint.ReportVerdictAsync(new RegionReport("eu-central", Verdict.Down, DateTimeOffset.UtcNow, 0, 2, null));
        await SiloHarness.EventuallyAsync(async () => (await silo.DecisionsAsync("web-1")).Any(d => d.Kind == DecisionKind.HealthChanged), "decision recorded");

        var decision = Assert.Single(await silo.DecisionsAsync("web-1"));
        Assert.Equal(EndpointHealth.Unhealthy, decision.To);
        Assert.NotNull(decision.Evidence);
        var write = Assert.Single(silo.GrainState.Writes, w => w.Write.Decisions.Any(d => d.Id == decision.Id));
        Assert.False(write.Refused);
        var written = StoreJson.Deserialize<EndpointGrainState>(write.Write.StateJson);
        Assert.Equal(EndpointHealth.Unhealthy, written.Decision.Health);
        Assert.Equal(1, written.Decision.DecisionSequence);
        Assert.Equal(EndpointHealth.Unhealthy, (await silo.StoredStateAsync<EndpointGrainState>(SiloHarness.EndpointKey("web-1"))).Decision.Health);
    }

    [Fact]
    public async Task A_stale_endpoint_activation_cannot_record_a_decision_and_the_next_call_reactivates_from_the_store()
    {
        await using var silo = await SiloHarness.StartAsync(Database, Web(), new RecordingDnsProvider("dns"));
        var endpoint = silo.Endpoint("web-1");
        await endpoint.KeepAliveAsync();
        var stale = silo.ActivationOf(endpoint);
        Assert.NotNull(stale);

        var newer = await silo.OverwriteAsNewerActivationAsync<EndpointGrainState>(SiloHarness.EndpointKey("web-1"), s => s.Epoch++);
        await Assert.ThrowsAsync<InconsistentStateException>(() => endpoint.BeginDrainAsync(new DrainRequest("drain from the stale activation", "mallory", false), NoBudget));

        Assert.Empty(await silo.DecisionsAsync("web-1"));
        Assert.Null((await silo.StoredStateAsync<EndpointGrainState>(SiloHarness.EndpointKey("web-1"))).Drain);
        await SiloHarness.EventuallyAsync(() => Task.FromResult(silo.ActivationOf(endpoint) != stale), "the stale activation deactivated");

        var snapshot = await endpoint.GetSnapshotAsync();
        var fresh = silo.ActivationOf(endpoint);
        Assert.NotNull(fresh);
        Assert.NotEqual(stale, fresh);
        Assert.Null(snapshot.Drain);
        Assert.Equal(newer.Epoch + 1, (await silo.StoredStateAsync<EndpointGrainState>(SiloHarness.EndpointKey("web-1"))).Epoch);

        var drain = await endpoint.BeginDrainAsync(new DrainRequest("maintenance", "alice", false), NoBudget);
        Assert.Equal(DrainState.Draining, drain.State);
        var recorded = Assert.Single(await silo.DecisionsAsync("web-1"));
        Assert.Equal(("alice", DecisionKind.DrainStarted, drain.Id), (recorded.Actor, recorded.Kind, recorded.Drain?.DrainId));
    }

    private static readonly BudgetVerdict NoBudget = new(true, null, 1, [], "no disruption budget");

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
