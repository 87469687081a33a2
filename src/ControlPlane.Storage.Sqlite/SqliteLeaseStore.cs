using Microsoft.Data.Sqlite;

namespace ControlPlane.Storage.Sqlite;

internal sealed class SqliteLeaseStore(SqliteDatabase db) : ILeaseStore
{
    public Task<ShardLease?> ReadAsync(string shardId, CancellationToken cancellationToken) =>
        db.ReadAsync(c => ReadAsync(c, null, shardId, cancellationToken), cancellationToken);

    public Task<ShardLease?> TryAcquireAsync(string shardId, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var current = await ReadAsync(c, t, shardId, cancellationToken);
            if (current is not null && current.Owner != owner && current.ExpiresAt > now)
            {
                return null;
            }

            var lease = new ShardLease(shardId, owner, (current?.Token ?? 0) + 1, now + ttl);
            using var upsert = c.Command(
                """
                INSERT INTO shard_leases (shard_id, owner, token, expires_at) VALUES ($s, $o, $t, $e)
                ON CONFLICT (shard_id) DO UPDATE SET owner = $o, token = $t, expires_at = $e
                """, t,
                ("$s", shardId), ("$o", owner), ("$t", lease.Token), ("$e", lease.ExpiresAt.ToUnixMs()));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            return lease;
        }, cancellationToken)!;

    public Task<bool> TryRenewAsync(ShardLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var update = c.Command(
                "UPDATE shard_leases SET expires_at = $e WHERE shard_id = $s AND owner = $o AND token = $t", t,
                ("$e", (now + ttl).ToUnixMs()), ("$s", lease.ShardId), ("$o", lease.Owner), ("$t", lease.Token));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            // Expire it now but keep the token, so the next owner's token is still higher.
            using var update = c.Command(
                "UPDATE shard_leases SET expires_at = 0 WHERE shard_id = $s AND owner = $o AND token = $t", t,
                ("$s", lease.ShardId), ("$o", lease.Owner), ("$t", lease.Token));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    internal static async Task<ShardLease?> ReadAsync(SqliteConnection c, SqliteTransaction? t, string shardId, CancellationToken cancellationToken)
    {
        using var select = c.Command("SELECT owner, token, expires_at FROM shard_leases WHERE shard_id = $s", t, ("$s", shardId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ShardLease(shardId, reader.GetString(0), reader.GetInt64(1), SqliteCommands.FromUnixMs(reader.GetInt64(2)));
    }
}
