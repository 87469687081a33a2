using ControlPlane.Core.Model;

namespace ControlPlane.Storage.Tests;

/// <summary>The ETag fence on grain state, as every backend must honour it (run through <see cref="StoreConformanceTests"/>).</summary>
public abstract partial class StoreConformanceTests
{
    protected static GrainStateWrite StateOnly(GrainKey grain, string state, string? expectedETag) => new(grain, state, expectedETag, [], []);

    protected static GrainKey NewGrain(string kind = "endpoint") => new(kind, Unique("web-dc1"));

    [Fact]
    public async Task Unknown_grain_reads_as_null()
    {
        Assert.Null(await Store.GrainState.ReadAsync(new GrainKey("probe", Unique("nobody")), default));
    }

    [Fact]
    public async Task A_first_write_expecting_no_state_creates_it_and_returns_the_etag_it_reads_back_with()
    {
        var grain = NewGrain();
        var etag = await Store.GrainState.WriteAsync(StateOnly(grain, """{"health":"healthy"}""", null), default);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(new StoredGrainState("""{"health":"healthy"}""", etag), await Store.GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task A_second_writer_expecting_no_state_conflicts_and_writes_nothing()
    {
        var grain = NewGrain();
        var etag = await Store.GrainState.WriteAsync(StateOnly(grain, "first", null), default);
        var service = Unique("web");
        var second = new GrainStateWrite(grain, "second", null, [Decision($"{grain.Key}/2", service, grain.Key, T0)], [Change($"{service}/2", service, T0)]);

        var conflict = await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.WriteAsync(second, default));

        Assert.Equal((grain, (string?)null, (string?)etag), (conflict.Grain, conflict.ExpectedETag, conflict.StoredETag));
        Assert.Contains(grain.ToString(), conflict.Message, StringComparison.Ordinal);
        Assert.Contains(etag, conflict.Message, StringComparison.Ordinal);
        Assert.Equal(new StoredGrainState("first", etag), await Store.GrainState.ReadAsync(grain, default));
        Assert.Empty(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
        Assert.Empty(await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: service), default));
    }

    [Fact]
    public async Task A_write_with_the_current_etag_succeeds_and_returns_a_new_etag()
    {
        var grain = NewGrain();
        var first = await Store.GrainState.WriteAsync(StateOnly(grain, "v1", null), default);
        var second = await Store.GrainState.WriteAsync(StateOnly(grain, "v2", first), default);
        var third = await Store.GrainState.WriteAsync(StateOnly(grain, "v2", second), default); // same state: still a new ETag

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        Assert.Equal(new StoredGrainState("v2", third), await Store.GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task A_stale_etag_of_a_deposed_activation_is_refused_and_writes_neither_state_nor_its_decisions_nor_dns_changes()
    {
        var grain = NewGrain();
        var read = await Store.GrainState.WriteAsync(StateOnly(grain, "both read this", null), default);
        var current = await Store.GrainState.WriteAsync(StateOnly(grain, "new activation", read), default);

        var service = Unique("web");
        var stale = new GrainStateWrite(grain, "deposed activation", read, [Decision($"{grain.Key}/9", service, grain.Key, T0)], [Change($"{service}/9", service, T0)]);
        var refused = await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.WriteAsync(stale, default));

        Assert.Equal((read, current), (refused.ExpectedETag!, refused.StoredETag!));
        Assert.Equal(new StoredGrainState("new activation", current), await Store.GrainState.ReadAsync(grain, default));
        Assert.Empty(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
        Assert.Empty(await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: service), default));
    }

    [Fact]
    public async Task A_write_with_an_etag_for_a_grain_with_no_state_conflicts()
    {
        var grain = NewGrain();
        var refused = await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.WriteAsync(StateOnly(grain, "s", "no-such-etag"), default));

        Assert.Null(refused.StoredETag);
        Assert.Null(await Store.GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task Decisions_and_dns_changes_of_a_write_are_recorded_with_it_and_queryable_through_the_audit()
    {
        var grain = NewGrain();
        var service = Unique("web");
        var decision = Decision($"{grain.Key}/1", service, grain.Key, T0);
        var change = Change($"{service}/1", service, T0);

        var etag = await Store.GrainState.WriteAsync(new GrainStateWrite(grain, """{"health":"unhealthy"}""", null, [decision], [change]), default);

        Assert.Equal(new StoredGrainState("""{"health":"unhealthy"}""", etag), await Store.GrainState.ReadAsync(grain, default));
        var stored = Assert.Single(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
        Assert.Equal(decision.Reason, stored.Reason);
        Assert.Equal(503, stored.Evidence!.Quorum.Regions[0].LastObservation!.StatusCode);
        Assert.Equal(decision.Id, Assert.Single(await Store.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: grain.Key), default)).Id);
        var storedChange = Assert.Single(await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: service), default));
        Assert.Equal(["192.0.2.2"], storedChange.After);
    }

    [Fact]
    public async Task A_write_replayed_with_the_same_ids_records_its_decisions_and_dns_changes_once()
    {
        var grain = NewGrain();
        var service = Unique("web");
        IReadOnlyList<Decision> decisions = [Decision($"{grain.Key}/1", service, grain.Key, T0)];
        IReadOnlyList<DnsChange> changes = [Change($"{service}/1", service, T0)];
        var etag = await Store.GrainState.WriteAsync(new GrainStateWrite(grain, "s", null, decisions, changes), default);

        // The turn ran again (say, after its caller timed out): same ids, the current ETag.
        await Store.GrainState.WriteAsync(new GrainStateWrite(grain, "s", etag, decisions, changes), default);

        Assert.Single(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default));
        Assert.Single(await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: service), default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_concurrent_writers_on_the_same_etag_exactly_one_wins_and_only_its_decision_is_recorded(bool stateExists)
    {
        const int Writers = 8;
        var grain = NewGrain();
        var expected = stateExists ? await Store.GrainState.WriteAsync(StateOnly(grain, "before", null), default) : null;
        var service = Unique("race");
        using var start = new ManualResetEventSlim();
        var writes = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var write = new GrainStateWrite(grain, $"writer {i}", expected, [Decision($"{grain.Key}/{i}", service, grain.Key, T0.AddSeconds(i))], []);
            return await Store.GrainState.WriteAsync(write, default);
        })).ToList();
        start.Set();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        var won = Assert.Single(writes, w => w.IsCompletedSuccessfully);
        Assert.All(writes.Where(w => w != won), w => Assert.IsType<GrainStateConflictException>(w.Exception!.InnerException));
        var winner = writes.IndexOf(won);
        Assert.Equal(new StoredGrainState($"writer {winner}", await won), await Store.GrainState.ReadAsync(grain, default));
        Assert.Equal($"{grain.Key}/{winner}", Assert.Single(await Store.Audit.QueryDecisionsAsync(new AuditQuery(ServiceId: service), default)).Id);
    }

    [Fact]
    public async Task Clear_with_the_current_etag_deletes_the_state_and_with_a_stale_one_is_refused()
    {
        var grain = NewGrain();
        var old = await Store.GrainState.WriteAsync(StateOnly(grain, "v1", null), default);
        var current = await Store.GrainState.WriteAsync(StateOnly(grain, "v2", old), default);

        var refused = await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.ClearAsync(grain, old, default));
        Assert.Equal(current, refused.StoredETag);
        await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.ClearAsync(grain, null, default));
        Assert.Equal(new StoredGrainState("v2", current), await Store.GrainState.ReadAsync(grain, default));

        await Store.GrainState.ClearAsync(grain, current, default);
        Assert.Null(await Store.GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task Clearing_a_grain_with_no_state_succeeds_without_an_etag_and_conflicts_with_one()
    {
        var grain = NewGrain();
        await Store.GrainState.ClearAsync(grain, null, default);
        var refused = await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.ClearAsync(grain, "gone", default));
        Assert.Null(refused.StoredETag);
    }

    [Fact]
    public async Task After_a_clear_the_old_etag_cannot_write_and_the_state_can_be_created_again_with_a_new_etag()
    {
        var grain = NewGrain();
        var before = await Store.GrainState.WriteAsync(StateOnly(grain, "v1", null), default);
        await Store.GrainState.ClearAsync(grain, before, default);

        await Assert.ThrowsAsync<GrainStateConflictException>(() => Store.GrainState.WriteAsync(StateOnly(grain, "stale", before), default));
        var again = await Store.GrainState.WriteAsync(StateOnly(grain, "v1 again", null), default);

        Assert.NotEqual(before, again);
        Assert.Equal(new StoredGrainState("v1 again", again), await Store.GrainState.ReadAsync(grain, default));
    }
}
