using ControlPlane.Cql;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>A lightweight transaction whose answer is lost is never taken for success: each case, whether it ran or not.</summary>
[Collection(CassandraNodeCollection.Name)]
public sealed class UnknownOutcomeTests : IAsyncLifetime
{
    private static readonly string Keyspace = CassandraNodeFixture.NewKeyspace("unknown");
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private LosingAnswersSession _session = null!;
    private CassandraControlPlaneStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new CassandraControlPlaneStore(CassandraNodeFixture.Options(Keyspace), s => _session = new LosingAnswersSession(s));
        await _store.InitializeAsync(default);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_commit_with_an_unknown_outcome_fails_moves_the_fence_and_the_state_is_definite_after_reacquiring(bool applied)
    {
        var shard = $"endpoint.{Guid.NewGuid():N}";
        var grain = new GrainId("endpoint", $"web-{Guid.NewGuid():N}");
        var lease = (await _store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default))!;
        await _store.GrainState.CommitAsync(GrainCommit.StateOnly(grain, "before"), lease.Fence, default);

        _session.LoseNext("IF range_id = ?", runFirst: applied);
        var lost = await Assert.ThrowsAsync<FenceLostException>(() => _store.GrainState.CommitAsync(GrainCommit.StateOnly(grain, "lost"), lease.Fence, default));

        Assert.Equal(lease.Token + 1, lost.CurrentToken);
        Assert.False(await _store.Leases.TryRenewAsync(lease, Ttl, T0.AddSeconds(1), default)); // so the owner drops the shard
        var again = (await _store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0.AddSeconds(1), default))!;
        Assert.Equal(lease.Token + 2, again.Token);
        Assert.Equal(applied ? "lost" : "before", await _store.GrainState.ReadAsync(grain, default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_renewal_with_an_unknown_outcome_succeeds_only_if_it_was_applied(bool applied)
    {
        var shard = $"service.{Guid.NewGuid():N}";
        var lease = (await _store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default))!;

        _session.LoseNext("IF owner = ? AND range_id = ?", runFirst: applied);
        if (applied)
        {
            Assert.True(await _store.Leases.TryRenewAsync(lease, Ttl, T0.AddSeconds(5), default));
            Assert.Equal(T0.AddSeconds(15), (await _store.Leases.ReadAsync(shard, default))!.ExpiresAt);
        }
        else
        {
            await Assert.ThrowsAsync<CqlLwtOutcomeUnknownException>(() => _store.Leases.TryRenewAsync(lease, Ttl, T0.AddSeconds(5), default));
            Assert.Equal(T0.AddSeconds(10), (await _store.Leases.ReadAsync(shard, default))!.ExpiresAt);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_acquisition_with_an_unknown_outcome_returns_the_lease_only_if_it_was_applied(bool applied)
    {
        var shard = $"probe.eu-central.{Guid.NewGuid():N}";
        _session.LoseNext("IF NOT EXISTS", runFirst: applied);
        var lease = await _store.Leases.TryAcquireAsync(shard, "silo-a", Ttl, T0, default);

        Assert.Equal(applied, lease is not null);
        Assert.Equal(applied ? "silo-a" : null, (await _store.Leases.ReadAsync(shard, default))?.Owner);
    }
}
