using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Storage.Tests;

/// <summary>The storage contract, as every backend must honour it. Each backend subclasses this once.</summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    protected IControlPlaneStore Store { get; private set; } = null!;

    protected abstract Task<IControlPlaneStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(CancellationToken.None);
        await Store.InitializeAsync(CancellationToken.None); // idempotent
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    internal static Decision Decision(string id, string service, string endpoint, DateTimeOffset at) =>
        new(id, DecisionKind.HealthChanged, service, endpoint, at, EndpointHealth.Healthy, EndpointHealth.Unhealthy, "2 of 3 say down",
            new DecisionEvidence(new QuorumOutcome(QuorumState.Decided, EndpointHealth.Unhealthy, 2, 3, 1, 2, "majority of 3",
                [new RegionVerdictEvidence("eu-central", RegionStatus.Reporting, Verdict.Down, at, 0, 2,
                    new Observation(endpoint, "eu-central", at, ObservationOutcome.UnexpectedStatus, TimeSpan.FromMilliseconds(12), "status 503", 503))]),
                2, 2, 3, false, 1));

    private static DnsChange Change(string id, string service, DateTimeOffset at) =>
        new(id, service, "zone", "web.example.test.", at, ["192.0.2.1", "192.0.2.2"], ["192.0.2.2"], "web-dc1 unhealthy", false, "serial 7", at);

    [Fact]
    public async Task Definition_versions_increase_and_an_unchanged_definition_is_not_stored_again()
    {
        var first = await Store.Definitions.AppendAsync("regions: [a]", "h1", "test", T0, default);
        var same = await Store.Definitions.AppendAsync("regions: [a]", "h1", "test", T0.AddSeconds(1), default);
        var second = await Store.Definitions.AppendAsync("regions: [a, b]", "h2", "test", T0.AddSeconds(2), default);

        Assert.Equal(first.Version, same.Version);
        Assert.Equal(first.Version + 1, second.Version);
        var latest = await Store.Definitions.GetLatestAsync(default);
        Assert.Equal(("regions: [a, b]", "h2"), (latest!.Yaml, latest.ContentHash));
    }

    [Fact]
    public async Task Concurrent_definition_appends_get_distinct_versions()
    {
        var appends = Enumerable.Range(0, 8).Select(i => Store.Definitions.AppendAsync($"v: {i}", $"hash-{i}-{Guid.NewGuid()}", "test", T0, default));
        var versions = (await Task.WhenAll(appends)).Select(d => d.Version).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task A_live_lease_cannot_be_taken_by_another_owner_and_an_expired_one_can_with_a_higher_token()
    {
        var shard = Unique("probe-3");
        var a = await Store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default);
        Assert.NotNull(a);
        Assert.Null(await Store.Leases.TryAcquireAsync(shard, "silo-b", Ttl, T0.AddSeconds(9), default));

        var b = await Store.Leases.TryAcquireAsync(shard, "silo-b", Ttl, T0.AddSeconds(11), default);
        Assert.NotNull(b);
        Assert.True(b.Token > a.Token);
        Assert.False(await Store.Leases.TryRenewAsync(a, Ttl, T0.AddSeconds(12), default));
        Assert.True(await Store.Leases.TryRenewAsync(b, Ttl, T0.AddSeconds(12), default));
        Assert.Equal(T0.AddSeconds(22), (await Store.Leases.ReadAsync(shard, default))!.ExpiresAt);
    }

    [Fact]
    public async Task Reacquiring_your_own_lease_bumps_the_token()
    {
        var shard = Unique("service-0");
        var first = await Store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default);
        var again = await Store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0.AddSeconds(1), default);
        Assert.Equal(first!.Token + 1, again!.Token);
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_keeps_its_token_order()
    {
        var shard = Unique("endpoint-1");
        var a = await Store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default);
        await Store.Leases.ReleaseAsync(a!, default);
        var b = await Store.Leases.TryAcquireAsync(shard, "silo-b", Ttl, T0.AddSeconds(1), default);
        Assert.NotNull(b);
        Assert.True(b.Token > a!.Token);
    }

    [Fact]
    public async Task Commit_with_the_current_fence_writes_state_decisions_and_dns_changes_together()
    {
        var shard = Unique("endpoint-2");
        var lease = (await Store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default))!;
        var grain = new GrainId("endpoint", Unique("web-dc1"));
        var service = Unique("web");
        var decision = Decision($"{grain.Key}/1", service, grain.Key, T0);
        var change = Change($"{service}/1", service, T0);

        await Store.GrainState.CommitAsync(new GrainCommit(grain, """{"health":"unhealthy"}""", [decision], [change]), lease.Fence, default);

        Assert.Equal("""{"health":"unhealthy"}""", await Store.GrainState.ReadAsync(grain, default));
        var stored = Assert.Single(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
        Assert.Equal(decision.Reason, stored.Reason);
        Assert.Equal(503, stored.Evidence!.Quorum.Regions[0].LastObservation!.StatusCode);
        var storedChange = Assert.Single(await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: service), default));
        Assert.Equal(["192.0.2.2"], storedChange.After);
    }

    [Fact]
    public async Task A_deposed_owner_is_refused_by_the_fence_and_writes_nothing()
    {
        var shard = Unique("endpoint-3");
        var old = (await Store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default))!;
        var current = (await Store.Leases.TryAcquireAsync(shard, "silo-b", Ttl, T0.AddSeconds(11), default))!;
        var grain = new GrainId("endpoint", Unique("web-dc2"));
        await Store.GrainState.CommitAsync(GrainCommit.StateOnly(grain, "new-owner"), current.Fence, default);

        var service = Unique("web");
        var stale = new GrainCommit(grain, "old-owner", [Decision($"{grain.Key}/9", service, grain.Key, T0)], []);
        var refused = await Assert.ThrowsAsync<FenceLostException>(() => Store.GrainState.CommitAsync(stale, old.Fence, default));

        Assert.Equal(current.Token, refused.CurrentToken);
        Assert.Equal("new-owner", await Store.GrainState.ReadAsync(grain, default));
        Assert.Empty(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
    }

    [Fact]
    public async Task Replaying_a_commit_does_not_record_its_decision_twice()
    {
        var lease = (await Store.Leases.TryAcquireAsync(Unique("endpoint-4"), "silo-a", Ttl, T0, default))!;
        var grain = new GrainId("endpoint", Unique("web-dc3"));
        var service = Unique("web");
        var commit = new GrainCommit(grain, "s", [Decision($"{grain.Key}/1", service, grain.Key, T0)], [Change($"{service}/1", service, T0)]);
        await Store.GrainState.CommitAsync(commit, lease.Fence, default);
        await Store.GrainState.CommitAsync(commit, lease.Fence, default);

        Assert.Single(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
        Assert.Single(await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: service), default));
    }

    [Fact]
    public async Task Unknown_grain_reads_as_null()
    {
        Assert.Null(await Store.GrainState.ReadAsync(new GrainId("probe", Unique("nobody")), default));
    }

    [Fact]
    public async Task Latest_observation_is_kept_per_region_and_an_older_one_never_overwrites_it()
    {
        var endpoint = Unique("web-dc1");
        await Store.Observations.UpsertLatestAsync(new Observation(endpoint, "eu-central", T0.AddSeconds(2), ObservationOutcome.Success, TimeSpan.FromMilliseconds(3), "200"), default);
        await Store.Observations.UpsertLatestAsync(new Observation(endpoint, "eu-central", T0.AddSeconds(1), ObservationOutcome.Timeout, TimeSpan.FromSeconds(2), "late"), default);
        await Store.Observations.UpsertLatestAsync(new Observation(endpoint, "us-east", T0, ObservationOutcome.ConnectFailed, TimeSpan.FromMilliseconds(1), "refused"), default);

        var latest = await Store.Observations.GetLatestAsync(endpoint, default);
        Assert.Equal(2, latest.Count);
        Assert.Equal(ObservationOutcome.Success, latest.Single(o => o.Region == "eu-central").Outcome);
        Assert.Equal(ObservationOutcome.ConnectFailed, latest.Single(o => o.Region == "us-east").Outcome);
    }

    [Fact]
    public async Task Decisions_are_filtered_by_service_endpoint_and_time_newest_first()
    {
        var lease = (await Store.Leases.TryAcquireAsync(Unique("endpoint-5"), "silo-a", Ttl, T0, default))!;
        var service = Unique("api");
        var decisions = Enumerable.Range(1, 5)
            .Select(i => Decision($"{service}-e{i % 2}/{i}", service, $"{service}-e{i % 2}", T0.AddMinutes(i)))
            .ToList();
        await Store.GrainState.CommitAsync(new GrainCommit(new GrainId("endpoint", service), "s", decisions, []), lease.Fence, default);

        var all = await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default);
        Assert.Equal(decisions.Select(d => d.Id).Reverse(), all.Select(d => d.Id));

        var window = await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service, From: T0.AddMinutes(2), To: T0.AddMinutes(4)), default);
        Assert.Equal(3, window.Count);

        var oneEndpoint = await Store.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: $"{service}-e1"), default);
        Assert.Equal(3, oneEndpoint.Count);

        Assert.Equal(2, (await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service, Limit: 2), default)).Count);
    }

    [Fact]
    public async Task Unfiltered_audit_queries_are_newest_first_across_days()
    {
        // A window of days no other test writes in, so the unfiltered query sees only these entries.
        var day0 = new DateTimeOffset(2031, 3, 1 + Random.Shared.Next(20), 23, 0, 0, TimeSpan.Zero).AddYears(Random.Shared.Next(50));
        var lease = (await Store.Leases.TryAcquireAsync(Unique("service-5"), "silo-a", Ttl, T0, default))!;
        var service = Unique("days");
        var decisions = Enumerable.Range(0, 4).Select(i => Decision($"{service}-e/{i}", service, $"{service}-e", day0.AddHours(i * 20))).ToList();
        var changes = Enumerable.Range(0, 3).Select(i => Change($"{service}/{i}", service, day0.AddHours(i * 30))).ToList();
        await Store.GrainState.CommitAsync(new GrainCommit(new GrainId("service", service), "s", decisions, changes), lease.Fence, default);

        var window = new AuditQuery(From: day0, To: day0.AddDays(3));
        Assert.Equal(decisions.Select(d => d.Id).Reverse(), (await Store.Audit.QueryDecisionsAsync(window, default)).Select(d => d.Id));
        Assert.Equal(changes.Select(c => c.Id).Reverse(), (await Store.Audit.QueryDnsChangesAsync(window, default)).Select(c => c.Id));
        Assert.Equal([decisions[3].Id, decisions[2].Id], (await Store.Audit.QueryDecisionsAsync(window with { Limit = 2 }, default)).Select(d => d.Id));
        Assert.Equal([decisions[2].Id, decisions[1].Id],
            (await Store.Audit.QueryDecisionsAsync(new AuditQuery(From: day0.AddHours(20), To: day0.AddHours(40)), default)).Select(d => d.Id));
    }
}
