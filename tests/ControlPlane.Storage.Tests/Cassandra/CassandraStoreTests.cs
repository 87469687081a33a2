using ControlPlane.Core.Model;
using ControlPlane.Cql;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>What the Cassandra store does beyond the contract: several processes, grouped commits, the audit outbox, schema creation, TTLs.</summary>
[Collection(CassandraNodeCollection.Name)]
public sealed class CassandraStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    // One keyspace for the class (tests of a class run one after the other); the schema test makes its own.
    private static readonly string Keyspace = CassandraNodeFixture.NewKeyspace("store");
    private readonly List<CassandraControlPlaneStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_store_instances_see_each_others_leases_as_two_silo_processes_would()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        Assert.NotNull(await a.Leases.TryAcquireAsync("shared-0", "silo-a", Ttl, T0, default));
        Assert.Null(await b.Leases.TryAcquireAsync("shared-0", "silo-b", Ttl, T0.AddSeconds(1), default));
        var taken = await b.Leases.TryAcquireAsync("shared-0", "silo-b", Ttl, T0.AddSeconds(11), default);
        Assert.Equal(2, taken!.Token);
    }

    [Fact]
    public async Task Commits_queued_on_one_shard_are_written_in_few_fenced_rounds_and_all_refused_once_deposed()
    {
        var store = await OpenAsync();
        var lease = (await store.Leases.TryAcquireAsync("endpoint.1", "silo-a", Ttl, T0, default))!;
        var grains = Enumerable.Range(0, 40).Select(i => new GrainId("endpoint", $"web-{i}")).ToList();
        var before = RequestsSent(store);

        await Task.WhenAll(grains.Select(g => store.GrainState.CommitAsync(GrainCommit.StateOnly(g, $"state of {g.Key}"), lease.Fence, default)));

        // 40 location writes and a few conditional batches; one round per commit would be 80 requests.
        Assert.InRange(RequestsSent(store) - before, 41, 60);
        foreach (var grain in grains)
        {
            Assert.Equal($"state of {grain.Key}", await store.GrainState.ReadAsync(grain, default));
        }

        await store.Leases.TryAcquireAsync("endpoint.1", "silo-b", Ttl, T0.AddSeconds(11), default);
        var stale = grains.Select(g => store.GrainState.CommitAsync(GrainCommit.StateOnly(g, "stale"), lease.Fence, default)).ToList();
        foreach (var commit in stale)
        {
            Assert.Equal(lease.Token + 1, (await Assert.ThrowsAsync<FenceLostException>(() => commit)).CurrentToken);
        }

        Assert.Equal("state of web-7", await store.GrainState.ReadAsync(grains[7], default));
    }

    [Fact]
    public async Task Audit_rows_lost_after_a_fenced_commit_are_written_again_when_the_grain_is_activated()
    {
        var store = await OpenAsync();
        var lease = (await store.Leases.TryAcquireAsync("service.3", "silo-a", Ttl, T0, default))!;
        var grain = new GrainId("service", "checkout");
        var decision = StoreConformanceTests.Decision("checkout-dc1/1", "checkout", "checkout-dc1", T0);
        var change = new DnsChange("checkout/1", "checkout", "zone", "checkout.example.test.", T0, ["192.0.2.1"], ["192.0.2.2"], "failover", false, null, T0);
        await store.GrainState.CommitAsync(new GrainCommit(grain, "s1", [decision], [change]), lease.Fence, default);

        // As if the process died between the fenced write and the index rows.
        foreach (var table in new[] { "decisions_by_day", "decisions_by_service", "decisions_by_endpoint", "dns_changes_by_day", "dns_changes_by_service", "audit_days" })
        {
            await store.Session.ExecuteAsync($"TRUNCATE {Keyspace}.{table}");
        }

        var restarted = await OpenAsync();
        Assert.Empty(await restarted.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: "checkout"), default));

        Assert.Equal("s1", await restarted.GrainState.ReadAsync(grain, default));
        Assert.Equal(decision.Id, Assert.Single(await restarted.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: "checkout-dc1"), default)).Id);
        Assert.Equal(change.Id, Assert.Single(await restarted.Audit.QueryDnsChangesAsync(new AuditQuery(), default)).Id);
    }

    [Fact]
    public async Task Several_stores_initializing_a_new_keyspace_at_once_all_start_and_leave_no_schema_claim()
    {
        var keyspace = CassandraNodeFixture.NewKeyspace("schema");
        var stores = Enumerable.Range(0, 4).Select(_ => Create(keyspace)).ToList();
        await Task.WhenAll(stores.Select(s => s.InitializeAsync(default)));

        var tables = await stores[0].Session.ExecuteAsync(new SimpleStatement(
            "SELECT columnfamily_name FROM system.schema_columnfamilies WHERE keyspace_name = ?", keyspace));
        var names = tables.Select(r => r.Get<string>(0)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("shards", names);
        Assert.Contains("decisions_by_endpoint", names);
        Assert.DoesNotContain(names, n => n.StartsWith("schema_claim_", StringComparison.Ordinal));
        Assert.True(await stores[3].Session.WaitForSchemaAgreementAsync());
        Assert.NotNull(await stores[3].Leases.TryAcquireAsync("probe.eu-central.0", "silo-d", Ttl, T0, default));
    }

    [Fact]
    public async Task Observations_expire_after_their_ttl_and_an_older_one_arriving_late_loses_by_its_own_time()
    {
        var store = await OpenAsync();
        var endpoint = $"web-{Guid.NewGuid():N}";
        await store.Observations.UpsertLatestAsync(new Observation(endpoint, "eu-central", T0.AddSeconds(5), ObservationOutcome.Success, TimeSpan.FromMilliseconds(2), "200"), default);
        await store.Observations.UpsertLatestAsync(new Observation(endpoint, "eu-central", T0, ObservationOutcome.Timeout, TimeSpan.FromSeconds(1), "late"), default);

        var row = (await store.Session.ExecuteAsync(new SimpleStatement($"SELECT TTL(json), WRITETIME(json) FROM {Keyspace}.observations WHERE endpoint_id = ?", endpoint))).Single();
        Assert.InRange(row.Get<int>(0), 86_000, 86_400);
        Assert.Equal(T0.AddSeconds(5).ToUnixTimeMilliseconds() * 1000, row.Get<long>(1));
        Assert.Equal(ObservationOutcome.Success, Assert.Single(await store.Observations.GetLatestAsync(endpoint, default)).Outcome);
    }

    private CassandraControlPlaneStore Create(string? keyspace = null)
    {
        var store = new CassandraControlPlaneStore(CassandraNodeFixture.Options(keyspace ?? Keyspace));
        _stores.Add(store);
        return store;
    }

    private async Task<CassandraControlPlaneStore> OpenAsync()
    {
        var store = Create();
        await store.InitializeAsync(default);
        return store;
    }

    private static long RequestsSent(CassandraControlPlaneStore store) => store.Session.Hosts.Sum(h => h.RequestsSent);
}
