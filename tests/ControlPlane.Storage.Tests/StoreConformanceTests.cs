using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Storage.Tests;

/// <summary>The storage contract, as every backend must honour it. Each backend subclasses this once.</summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    protected IControlPlaneStore Store { get; private set; } = null!;

    protected abstract Task<IControlPlaneStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(CancellationToken.None);
        await Store.InitializeAsync(CancellationToken.None); // idempotent
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    internal static Decision Decision(string id, string service, string endpoint, DateTimeOffset at) =>
        new(id, DecisionKind.HealthChanged, service, endpoint, at, EndpointHealth.Healthy, EndpointHealth.Unhealthy, "2 of 3 say down",
            new DecisionEvidence(new QuorumOutcome(QuorumState.Decided, EndpointHealth.Unhealthy, 2, 3, 1, 2, "majority of 3",
                [new RegionVerdictEvidence("eu-central", RegionStatus.Reporting, Verdict.Down, at, 0, 2,
                    new Observation(endpoint, "eu-central", at, ObservationOutcome.UnexpectedStatus, TimeSpan.FromMilliseconds(12), "status 503", 503))]),
                2, 2, 3, false, 1));

    internal static DnsChange Change(string id, string service, DateTimeOffset at) =>
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
    public async Task A_batch_of_latest_observations_is_stored_at_once_and_never_overwrites_a_newer_one()
    {
        var a = Unique("web-a");
        var b = Unique("web-b");
        await Store.Observations.UpsertLatestAsync(new Observation(a, "eu-central", T0.AddSeconds(5), ObservationOutcome.Success, TimeSpan.FromMilliseconds(3), "newer"), default);
        await Store.Observations.UpsertLatestAsync(
            [
                new Observation(a, "eu-central", T0.AddSeconds(1), ObservationOutcome.Timeout, TimeSpan.FromSeconds(2), "older"),
                new Observation(b, "eu-central", T0, ObservationOutcome.Success, TimeSpan.FromMilliseconds(2), "200"),
                new Observation(b, "us-east", T0, ObservationOutcome.ConnectFailed, TimeSpan.FromMilliseconds(1), "refused"),
            ], default);

        Assert.Equal("newer", Assert.Single(await Store.Observations.GetLatestAsync(a, default)).Detail);
        Assert.Equal(["eu-central", "us-east"], (await Store.Observations.GetLatestAsync(b, default)).Select(o => o.Region).Order());
    }

    [Fact]
    public async Task Decisions_are_filtered_by_service_endpoint_and_time_newest_first()
    {
        var service = Unique("api");
        var decisions = Enumerable.Range(1, 5)
            .Select(i => Decision($"{service}-e{i % 2}/{i}", service, $"{service}-e{i % 2}", T0.AddMinutes(i)))
            .ToList();
        await Store.GrainState.WriteAsync(new GrainStateWrite(new GrainKey("endpoint", service), "s", null, decisions, []), default);

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
        var service = Unique("days");
        var decisions = Enumerable.Range(0, 4).Select(i => Decision($"{service}-e/{i}", service, $"{service}-e", day0.AddHours(i * 20))).ToList();
        var changes = Enumerable.Range(0, 3).Select(i => Change($"{service}/{i}", service, day0.AddHours(i * 30))).ToList();
        await Store.GrainState.WriteAsync(new GrainStateWrite(new GrainKey("service", service), "s", null, decisions, changes), default);

        var window = new AuditQuery(From: day0, To: day0.AddDays(3));
        Assert.Equal(decisions.Select(d => d.Id).Reverse(), (await Store.Audit.QueryDecisionsAsync(window, default)).Select(d => d.Id));
        Assert.Equal(changes.Select(c => c.Id).Reverse(), (await Store.Audit.QueryDnsChangesAsync(window, default)).Select(c => c.Id));
        Assert.Equal([decisions[3].Id, decisions[2].Id], (await Store.Audit.QueryDecisionsAsync(window with { Limit = 2 }, default)).Select(d => d.Id));
        Assert.Equal([decisions[2].Id, decisions[1].Id],
            (await Store.Audit.QueryDecisionsAsync(new AuditQuery(From: day0.AddHours(20), To: day0.AddHours(40)), default)).Select(d => d.Id));
    }
}
