using ControlPlane.Core.Model;
using ControlPlane.Cql;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>What the Cassandra store does beyond the contract: several processes, the audit outbox, schema creation, TTLs.</summary>
[Collection(CassandraNodeCollection.Name)]
public sealed class CassandraStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
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
    public async Task Two_store_instances_racing_on_one_etag_as_two_silo_processes_would_let_exactly_one_win()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync() };
        var grain = new GrainKey("endpoint", $"web-{Guid.NewGuid():N}");
        var etag = await stores[0].GrainState.WriteAsync(new GrainStateWrite(grain, "before", null, [], []), default);

        var writes = Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            stores[i % 2].GrainState.WriteAsync(new GrainStateWrite(grain, $"writer {i}", etag, [], []), default))).ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        var won = Assert.Single(writes, w => w.IsCompletedSuccessfully);
        Assert.All(writes.Where(w => w != won), w => Assert.IsType<GrainStateConflictException>(w.Exception!.InnerException));
        Assert.Equal(new StoredGrainState($"writer {writes.IndexOf(won)}", await won), await stores[1].GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task Audit_rows_lost_after_a_write_are_written_again_when_the_grain_is_read_by_its_next_activation()
    {
        var store = await OpenAsync();
        var grain = new GrainKey("service", "checkout");
        var decision = StoreConformanceTests.Decision("checkout-dc1/1", "checkout", "checkout-dc1", T0);
        var change = new DnsChange("checkout/1", "checkout", "zone", "checkout.example.test.", T0, ["192.0.2.1"], ["192.0.2.2"], "failover", false, null, T0);
        await store.GrainState.WriteAsync(new GrainStateWrite(grain, "s1", null, [decision], [change]), default);

        // As if the process died between the conditional write and the index rows.
        foreach (var table in new[] { "decisions_by_day", "decisions_by_service", "decisions_by_endpoint", "dns_changes_by_day", "dns_changes_by_service", "audit_days" })
        {
            await store.Session.ExecuteAsync($"TRUNCATE {Keyspace}.{table}");
        }

        var restarted = await OpenAsync();
        Assert.Empty(await restarted.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: "checkout"), default));

        Assert.Equal("s1", (await restarted.GrainState.ReadAsync(grain, default))!.StateJson);
        Assert.Equal(decision.Id, Assert.Single(await restarted.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: "checkout-dc1"), default)).Id);
        Assert.Equal(change.Id, Assert.Single(await restarted.Audit.QueryDnsChangesAsync(new AuditQuery(), default)).Id);
    }

    [Fact]
    public async Task A_failed_index_write_is_repaired_by_the_next_read_and_its_entries_are_carried_into_the_next_write()
    {
        LosingAnswersSession session = null!;
        var store = new CassandraControlPlaneStore(CassandraNodeFixture.Options(Keyspace), s => session = new LosingAnswersSession(s));
        _stores.Add(store);
        await store.InitializeAsync(default);
        var service = $"shop-{Guid.NewGuid():N}";
        var grain = new GrainKey("service", service);
        var first = StoreConformanceTests.Decision($"{service}-e/1", service, $"{service}-e", T0);
        var second = StoreConformanceTests.Decision($"{service}-e/2", service, $"{service}-e", T0.AddSeconds(1));

        session.FailPlain("decisions_by_");
        var etag = await store.GrainState.WriteAsync(new GrainStateWrite(grain, "s1", null, [first], []), default);
        Assert.Empty(await store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));

        // Another silo activating the grain re-indexes the outbox it reads.
        var other = await OpenAsync();
        Assert.Equal(etag, (await other.GrainState.ReadAsync(grain, default))!.ETag);
        Assert.Equal(first.Id, Assert.Single(await other.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default)).Id);

        // The same silo's next write carries the unindexed entry forward, so overwriting the outbox loses nothing.
        await store.Session.ExecuteAsync($"TRUNCATE {Keyspace}.decisions_by_service");
        session.StopFailing();
        await store.GrainState.WriteAsync(new GrainStateWrite(grain, "s2", etag, [second], []), default);
        var outbox = (await store.Session.ExecuteAsync(new SimpleStatement($"SELECT outbox FROM {Keyspace}.grain_state WHERE grain_kind = ? AND grain_key = ?", "service", service))).Single().Get<string>(0);
        Assert.Contains(first.Id, outbox, StringComparison.Ordinal);
        Assert.Equal([second.Id, first.Id], (await store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default)).Select(d => d.Id));
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
        Assert.Contains("grain_state", names);
        Assert.Contains("decisions_by_endpoint", names);
        Assert.DoesNotContain(names, n => n is "shards" or "grain_shards" or "silos");
        Assert.DoesNotContain(names, n => n.StartsWith("schema_claim_", StringComparison.Ordinal));
        Assert.True(await stores[3].Session.WaitForSchemaAgreementAsync());
        Assert.False(string.IsNullOrEmpty(await stores[3].GrainState.WriteAsync(new GrainStateWrite(new GrainKey("probe", "eu-central.0"), "s", null, [], []), default)));
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
}
