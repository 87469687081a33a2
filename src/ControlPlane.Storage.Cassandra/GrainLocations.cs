using System.Collections.Concurrent;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Which shard partition holds each grain's state: the contract reads a grain by its id alone.</summary>
/// <remarks>
/// A grain's shard is fixed (the shard count per kind is part of the deployment), so a location is
/// written once, at QUORUM, before the grain's first fenced commit, and cached. Reads look in the local
/// datacenter first and ask a quorum only when the local replicas have nothing (a grain never
/// committed, or a location written while this datacenter was away).
/// </remarks>
internal sealed class GrainLocations(CassandraContext db)
{
    private readonly ConcurrentDictionary<GrainId, string> _known = new();
    private readonly string _select = $"SELECT shard_id FROM {db.Keyspace}.grain_shards WHERE grain_kind = ? AND grain_key = ?";
    private readonly string _insert = $"INSERT INTO {db.Keyspace}.grain_shards (grain_kind, grain_key, shard_id) VALUES (?, ?, ?)";

    public async Task<string?> FindAsync(GrainId grain, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(grain, out var shard))
        {
            return shard;
        }

        foreach (var consistency in new[] { StoreConsistency.Local, StoreConsistency.Agreed })
        {
            var row = (await db.ReadAsync(_select, consistency, cancellationToken, grain.Kind, grain.Key)).FirstOrDefault();
            if (row?.Get<string?>("shard_id") is { } found)
            {
                _known[grain] = found;
                return found;
            }
        }

        return null;
    }

    public async Task RecordAsync(GrainId grain, string shardId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(grain, out var known) && known == shardId)
        {
            return;
        }

        await db.WriteAsync(_insert, StoreConsistency.Agreed, cancellationToken, grain.Kind, grain.Key, shardId);
        _known[grain] = shardId;
    }
}
