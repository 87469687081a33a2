using Microsoft.Data.Sqlite;

namespace ControlPlane.Storage.Sqlite;

/// <summary>Grain state with its decisions and DNS changes, written in one transaction conditioned on the ETag.</summary>
/// <remarks>
/// A write is one <c>BEGIN IMMEDIATE</c> transaction (see <see cref="SqliteDatabase"/>), so it is atomic
/// across processes sharing the file: an <c>UPDATE ... WHERE etag = $old</c> (or an insert that does nothing
/// when a row exists, for a writer that expects none) whose rows-affected count is the fence, then
/// <c>INSERT OR IGNORE</c> of the decisions and DNS changes. A refused write throws before the commit,
/// so the transaction rolls back and records nothing.
/// <para>
/// ETags are random (a <see cref="Guid"/> in "N" form), not a version counter: a counter restarts when
/// the state is cleared and written again, so a deposed activation holding "3" from before the clear
/// could match the new "3" (ABA). A random ETag never comes back.
/// </para>
/// </remarks>
internal sealed class SqliteGrainStateStore(SqliteDatabase db) : IGrainStateStore
{
    public Task<StoredGrainState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            using var select = c.Command("SELECT state, etag FROM grain_state WHERE kind = $k AND key = $key", null, ("$k", grain.Kind), ("$key", grain.Key));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new StoredGrainState(reader.GetString(0), reader.GetString(1)) : null;
        }, cancellationToken);

    public Task<string> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var etag = Guid.NewGuid().ToString("N");
        return db.WriteAsync(async (c, t) =>
        {
            var grain = write.Grain;
            using (var conditional = write.ExpectedETag is null
                ? c.Command(
                    "INSERT INTO grain_state (kind, key, state, etag) VALUES ($k, $key, $s, $new) ON CONFLICT (kind, key) DO NOTHING", t,
                    ("$k", grain.Kind), ("$key", grain.Key), ("$s", write.StateJson), ("$new", etag))
                : c.Command(
                    "UPDATE grain_state SET state = $s, etag = $new WHERE kind = $k AND key = $key AND etag = $old", t,
                    ("$s", write.StateJson), ("$new", etag), ("$k", grain.Kind), ("$key", grain.Key), ("$old", write.ExpectedETag)))
            {
                if (await conditional.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new GrainStateConflictException(grain, write.ExpectedETag, await StoredETagAsync(c, t, grain, cancellationToken));
                }
            }

            foreach (var decision in write.Decisions)
            {
                using var insert = c.Command(
                    "INSERT OR IGNORE INTO decisions (id, service_id, endpoint_id, at, json) VALUES ($id, $s, $e, $at, $j)", t,
                    ("$id", decision.Id), ("$s", decision.ServiceId), ("$e", decision.EndpointId), ("$at", decision.At.ToUnixMs()), ("$j", StoreJson.Serialize(decision)));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var change in write.DnsChanges)
            {
                using var insert = c.Command(
                    "INSERT OR IGNORE INTO dns_changes (id, service_id, at, json) VALUES ($id, $s, $at, $j)", t,
                    ("$id", change.Id), ("$s", change.ServiceId), ("$at", change.At.ToUnixMs()), ("$j", StoreJson.Serialize(change)));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            return etag;
        }, cancellationToken);
    }

    public Task ClearAsync(GrainKey grain, string? expectedETag, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            if (expectedETag is null)
            {
                // Nothing to delete; success only if there is indeed nothing.
                if (await StoredETagAsync(c, t, grain, cancellationToken) is { } stored)
                {
                    throw new GrainStateConflictException(grain, null, stored);
                }

                return;
            }

            using var delete = c.Command(
                "DELETE FROM grain_state WHERE kind = $k AND key = $key AND etag = $old", t,
                ("$k", grain.Kind), ("$key", grain.Key), ("$old", expectedETag));
            if (await delete.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new GrainStateConflictException(grain, expectedETag, await StoredETagAsync(c, t, grain, cancellationToken));
            }
        }, cancellationToken);

    private static async Task<string?> StoredETagAsync(SqliteConnection c, SqliteTransaction t, GrainKey grain, CancellationToken cancellationToken)
    {
        using var select = c.Command("SELECT etag FROM grain_state WHERE kind = $k AND key = $key", t, ("$k", grain.Kind), ("$key", grain.Key));
        return (string?)await select.ExecuteScalarAsync(cancellationToken);
    }
}
