using ControlPlane.Cql;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>A lightweight transaction whose answer is lost is never taken for success: each case, whether it ran or not.</summary>
[Collection(CassandraNodeCollection.Name)]
public sealed class UnknownOutcomeTests : IAsyncLifetime
{
    private static readonly string Keyspace = CassandraNodeFixture.NewKeyspace("unknown");
    private LosingAnswersSession _session = null!;
    private CassandraControlPlaneStore _store = null!;
    private CassandraControlPlaneStore _other = null!;

    public async Task InitializeAsync()
    {
        _store = new CassandraControlPlaneStore(CassandraNodeFixture.Options(Keyspace), s => _session = new LosingAnswersSession(s));
        await _store.InitializeAsync(default);
        _other = new CassandraControlPlaneStore(CassandraNodeFixture.Options(Keyspace));
        await _other.InitializeAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Theory]
    [InlineData("IF NOT EXISTS", false)]
    [InlineData("IF etag = ?", true)]
    public async Task A_write_whose_answer_is_lost_after_it_landed_succeeds_with_the_etag_that_is_stored(string cql, bool stateExists)
    {
        var (grain, expected) = await GrainAsync(stateExists);

        _session.LoseNext(cql, runFirst: true);
        var etag = await _store.GrainState.WriteAsync(new GrainStateWrite(grain, "landed", expected, [], []), default);

        Assert.Equal(new StoredGrainState("landed", etag), await _other.GrainState.ReadAsync(grain, default));
    }

    [Theory]
    [InlineData("IF NOT EXISTS", false)]
    [InlineData("IF etag = ?", true)]
    public async Task A_write_whose_answer_is_lost_before_it_ran_is_retried_and_lands_once(string cql, bool stateExists)
    {
        var (grain, expected) = await GrainAsync(stateExists);

        _session.LoseNext(cql, runFirst: false);
        var etag = await _store.GrainState.WriteAsync(new GrainStateWrite(grain, "retried", expected, [], []), default);

        Assert.Equal(new StoredGrainState("retried", etag), await _other.GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task A_lost_write_overtaken_by_another_writer_is_a_conflict_and_not_a_success()
    {
        var (grain, expected) = await GrainAsync(stateExists: true);
        string? theirs = null;

        _session.LoseNext("IF etag = ?", runFirst: false, meanwhile: async () =>
            theirs = await _other.GrainState.WriteAsync(new GrainStateWrite(grain, "theirs", expected, [], []), default));
        var conflict = await Assert.ThrowsAsync<GrainStateConflictException>(() =>
            _store.GrainState.WriteAsync(new GrainStateWrite(grain, "ours", expected, [], []), default));

        Assert.Equal(theirs, conflict.StoredETag);
        Assert.Equal(new StoredGrainState("theirs", theirs!), await _other.GrainState.ReadAsync(grain, default));
    }

    [Fact]
    public async Task A_write_that_never_gets_an_answer_gives_up_after_bounded_rounds_and_writes_nothing()
    {
        var (grain, expected) = await GrainAsync(stateExists: true);
        for (var i = 0; i < CassandraGrainStateStore.MaxAttempts; i++)
        {
            _session.LoseNext("IF etag = ?", runFirst: false);
        }

        await Assert.ThrowsAsync<CqlLwtOutcomeUnknownException>(() =>
            _store.GrainState.WriteAsync(new GrainStateWrite(grain, "never", expected, [], []), default));

        Assert.Equal(new StoredGrainState("before", expected!), await _other.GrainState.ReadAsync(grain, default));
        var next = await _store.GrainState.WriteAsync(new GrainStateWrite(grain, "after", expected, [], []), default);
        Assert.Equal("after", (await _other.GrainState.ReadAsync(grain, default))!.StateJson);
        Assert.NotEqual(expected, next);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_clear_whose_answer_is_lost_deletes_the_state_exactly_when_it_should(bool applied)
    {
        var (grain, expected) = await GrainAsync(stateExists: true);

        _session.LoseNext("DELETE", runFirst: applied);
        await _store.GrainState.ClearAsync(grain, expected, default);

        Assert.Null(await _other.GrainState.ReadAsync(grain, default));
    }

    private async Task<(GrainKey Grain, string? ETag)> GrainAsync(bool stateExists)
    {
        var grain = new GrainKey("endpoint", $"web-{Guid.NewGuid():N}");
        var etag = stateExists ? await _other.GrainState.WriteAsync(new GrainStateWrite(grain, "before", null, [], []), default) : null;
        return (grain, etag);
    }
}
