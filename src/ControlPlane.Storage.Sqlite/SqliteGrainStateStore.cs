namespace ControlPlane.Storage.Sqlite;

/// <summary>Grain state with decisions and DNS changes, committed in one fenced transaction.</summary>
internal sealed class SqliteGrainStateStore(SqliteDatabase db) : IGrainStateStore
{
    public Task<string?> ReadAsync(GrainId grain, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            using var select = c.Command("SELECT state FROM grain_state WHERE kind = $k AND key = $key", null, ("$k", grain.Kind), ("$key", grain.Key));
            return (string?)await select.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    public Task CommitAsync(GrainCommit commit, Fence fence, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            // The fence check and the writes share one transaction holding SQLite's write lock:
            // no other owner can take the shard between the check and the writes.
            var lease = await SqliteLeaseStore.ReadAsync(c, t, fence.ShardId, cancellationToken);
            if (lease is null || lease.Token != fence.Token)
            {
                throw new FenceLostException(fence, lease?.Token);
            }

            using (var upsert = c.Command(
                """
                INSERT INTO grain_state (kind, key, state, shard_id, token) VALUES ($k, $key, $s, $shard, $t)
                ON CONFLICT (kind, key) DO UPDATE SET state = $s, shard_id = $shard, token = $t
                """, t,
                ("$k", commit.Grain.Kind), ("$key", commit.Grain.Key), ("$s", commit.StateJson), ("$shard", fence.ShardId), ("$t", fence.Token)))
            {
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var decision in commit.Decisions)
            {
                using var insert = c.Command(
                    "INSERT OR IGNORE INTO decisions (id, service_id, endpoint_id, at, json) VALUES ($id, $s, $e, $at, $j)", t,
                    ("$id", decision.Id), ("$s", decision.ServiceId), ("$e", decision.EndpointId), ("$at", decision.At.ToUnixMs()), ("$j", StoreJson.Serialize(decision)));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var change in commit.DnsChanges)
            {
                using var insert = c.Command(
                    "INSERT OR IGNORE INTO dns_changes (id, service_id, at, json) VALUES ($id, $s, $at, $j)", t,
                    ("$id", change.Id), ("$s", change.ServiceId), ("$at", change.At.ToUnixMs()), ("$j", StoreJson.Serialize(change)));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);
}
