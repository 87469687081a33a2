namespace ControlPlane.Storage;

/// <summary>Shard leases: acquired and renewed atomically (a Paxos round on Cassandra, a transaction on SQLite).</summary>
public interface ILeaseStore
{
    /// <summary>The current lease of a shard, or null if it never had an owner.</summary>
    Task<ShardLease?> ReadAsync(string shardId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the shard when it has no owner, its lease expired, or <paramref name="owner"/> already
    /// holds it. Always bumps the token, so writes fenced with any earlier token are refused from
    /// now on. Returns null when another live owner holds it.
    /// </summary>
    Task<ShardLease?> TryAcquireAsync(string shardId, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Extends a lease the caller still holds with the same token; false if it was lost.</summary>
    Task<bool> TryRenewAsync(ShardLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a held lease up early (clean shutdown) so another owner need not wait for expiry.</summary>
    Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken);
}
