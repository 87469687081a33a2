using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Shard leases as static columns of the shard's partition, taken and renewed by lightweight transactions.</summary>
/// <remarks>
/// Acquiring reads the lease at QUORUM and, when the shard is free, expired or already the caller's,
/// writes it with a higher token conditionally on the token read (<c>IF range_id = ?</c>, or
/// <c>IF NOT EXISTS</c> for a shard never owned): of two silos racing, one wins. A renewal rewrites the
/// whole lease (<c>IF owner = ? AND range_id = ?</c>), so a replica that missed an earlier Paxos commit
/// (they are not hinted) catches up at the next renewal it receives. Expiry is judged on the caller's clock, as on
/// SQLite. An unknown outcome is resolved by a SERIAL read, which completes or supersedes the round in
/// flight; it is never taken for success.
/// </remarks>
internal sealed class CassandraLeaseStore : ILeaseStore
{
    private readonly CassandraContext _db;
    private readonly Func<string, ShardWriter> _writer;
    private readonly string _read;
    private readonly string _create;
    private readonly string _take;
    private readonly string _renew;
    private readonly string _release;

    public CassandraLeaseStore(CassandraContext db, Func<string, ShardWriter> writer)
    {
        _db = db;
        _writer = writer;
        var shards = $"{db.Keyspace}.shards";
        _read = $"SELECT DISTINCT shard_id, owner, range_id, expires_at FROM {shards} WHERE shard_id = ?";
        _create = $"INSERT INTO {shards} (shard_id, owner, range_id, expires_at) VALUES (?, ?, ?, ?) IF NOT EXISTS";
        _take = $"UPDATE {shards} SET owner = ?, range_id = ?, expires_at = ? WHERE shard_id = ? IF range_id = ?";
        _renew = $"UPDATE {shards} SET owner = ?, range_id = ?, expires_at = ? WHERE shard_id = ? IF owner = ? AND range_id = ?";
        _release = $"UPDATE {shards} SET expires_at = ? WHERE shard_id = ? IF owner = ? AND range_id = ?";
    }

    /// <summary>The lease as the local datacenter sees it (for routing; an owner acts only on its own acquisitions).</summary>
    public Task<ShardLease?> ReadAsync(string shardId, CancellationToken cancellationToken) =>
        ReadAsync(shardId, StoreConsistency.Local, cancellationToken);

    public Task<ShardLease?> TryAcquireAsync(string shardId, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) =>
        _writer(shardId).ExclusiveAsync(async () =>
        {
            var current = await ReadAsync(shardId, StoreConsistency.Agreed, cancellationToken);
            if (current is not null && current.Owner != owner && current.ExpiresAt > now)
            {
                return null;
            }

            var lease = new ShardLease(shardId, owner, (current?.Token ?? 0) + 1, Milliseconds(now + ttl));
            var statement = current is null
                ? await _db.BindAsync(_create, StoreConsistency.Agreed, cancellationToken, shardId, owner, lease.Token, lease.ExpiresAt)
                : await _db.BindAsync(_take, StoreConsistency.Agreed, cancellationToken, owner, lease.Token, lease.ExpiresAt, shardId, current.Token);
            try
            {
                return (await _db.ConditionalAsync(statement, cancellationToken)).Applied ? lease : null;
            }
            catch (CqlLwtOutcomeUnknownException)
            {
                var after = await ReadAsync(shardId, StoreConsistency.Paxos, CancellationToken.None);
                return after is not null && after.Owner == owner && after.Token == lease.Token ? after : null;
            }
        }, cancellationToken);

    public Task<bool> TryRenewAsync(ShardLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) =>
        _writer(lease.ShardId).ExclusiveAsync(async () =>
        {
            var expires = Milliseconds(now + ttl);
            var renew = await _db.BindAsync(_renew, StoreConsistency.Agreed, cancellationToken, lease.Owner, lease.Token, expires, lease.ShardId, lease.Owner, lease.Token);
            try
            {
                return (await _db.ConditionalAsync(renew, cancellationToken)).Applied;
            }
            catch (CqlLwtOutcomeUnknownException)
            {
                var after = await ReadAsync(lease.ShardId, StoreConsistency.Paxos, CancellationToken.None);
                if (after is null || after.Owner != lease.Owner || after.Token != lease.Token)
                {
                    return false;
                }

                if (after.ExpiresAt == expires)
                {
                    return true;
                }

                // Still ours but not extended: the caller keeps the deadline of its last renewal and tries again.
                throw;
            }
        }, cancellationToken);

    public Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken) =>
        _writer(lease.ShardId).ExclusiveAsync(async () =>
        {
            // Expire it now but keep the token, so the next owner's token is still higher.
            var release = await _db.BindAsync(_release, StoreConsistency.Agreed, cancellationToken, DateTimeOffset.UnixEpoch, lease.ShardId, lease.Owner, lease.Token);
            try
            {
                await _db.ConditionalAsync(release, cancellationToken);
            }
            catch (CqlLwtOutcomeUnknownException)
            {
                // Released or not, the lease runs out by itself.
            }

            return true;
        }, cancellationToken);

    private async Task<ShardLease?> ReadAsync(string shardId, CqlConsistency consistency, CancellationToken cancellationToken)
    {
        var row = (await _db.ReadAsync(_read, consistency, cancellationToken, shardId)).FirstOrDefault();
        return row?.Get<string?>("owner") is { } owner
            ? new ShardLease(shardId, owner, row.Get<long>("range_id"), row.Get<DateTimeOffset>("expires_at"))
            : null;
    }

    // Cassandra keeps milliseconds; so does the lease returned, so it compares equal to the one read back.
    private static DateTimeOffset Milliseconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
