using Microsoft.Data.Sqlite;

namespace ControlPlane.Storage.Sqlite;

/// <summary>API keys and the API audit log in the SQLite file.</summary>
internal sealed class SqliteAccessStore(SqliteDatabase db) : IAccessStore
{
    /// <summary>The tables, created idempotently with the rest of the schema.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id           TEXT    PRIMARY KEY,
            name         TEXT    NOT NULL,
            role         TEXT    NOT NULL,
            secret_hash  TEXT    NOT NULL,
            created_by   TEXT    NOT NULL,
            created_at   INTEGER NOT NULL,
            last_used_at INTEGER,
            revoked_at   INTEGER);
        CREATE TABLE IF NOT EXISTS api_audit (
            id     TEXT    PRIMARY KEY,
            at     INTEGER NOT NULL,
            json   TEXT    NOT NULL);
        CREATE INDEX IF NOT EXISTS api_audit_by_time ON api_audit (at, id);
        """;

    private const string Columns = "id, name, role, secret_hash, created_by, created_at, last_used_at, revoked_at";

    public Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var insert = c.Command($"INSERT INTO api_keys ({Columns}) VALUES ($id, $name, $role, $hash, $by, $at, $used, $revoked)", t,
                ("$id", key.Id), ("$name", key.Name), ("$role", key.Role), ("$hash", key.SecretHash), ("$by", key.CreatedBy),
                ("$at", key.CreatedAt.ToUnixMs()), ("$used", key.LastUsedAt?.ToUnixMs()), ("$revoked", key.RevokedAt?.ToUnixMs()));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<ApiKeyRecord?> GetKeyAsync(string id, CancellationToken cancellationToken) =>
        db.ReadAsync(async c =>
        {
            using var select = c.Command($"SELECT {Columns} FROM api_keys WHERE id = $id", null, ("$id", id));
            return (await ReadKeysAsync(select, cancellationToken)).FirstOrDefault();
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ApiKeyRecord>>(async c =>
        {
            using var select = c.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at, id", null);
            return await ReadKeysAsync(select, cancellationToken);
        }, cancellationToken);

    public Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var update = c.Command("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $at) WHERE id = $id", t, ("$id", id), ("$at", at.ToUnixMs()));
            return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);

    public Task TouchKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var update = c.Command("UPDATE api_keys SET last_used_at = max(coalesce(last_used_at, 0), $at) WHERE id = $id", t, ("$id", id), ("$at", at.ToUnixMs()));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task AppendAuditAsync(ApiAuditEntry entry, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var insert = c.Command("INSERT OR IGNORE INTO api_audit (id, at, json) VALUES ($id, $at, $json)", t,
                ("$id", entry.Id), ("$at", entry.At.ToUnixMs()), ("$json", StoreJson.Serialize(entry)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<ApiAuditEntry>> QueryAuditAsync(int limit, ApiAuditPosition? before, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ApiAuditEntry>>(async c =>
        {
            var where = before is null ? string.Empty : "WHERE at < $at OR (at = $at AND id < $id)";
            using var select = c.Command($"SELECT json FROM api_audit {where} ORDER BY at DESC, id DESC LIMIT $limit", null,
                ("$at", before?.At.ToUnixMs()), ("$id", before?.Id), ("$limit", Math.Clamp(limit, 1, 10_000)));
            return (await select.ReadStringsAsync(cancellationToken)).Select(StoreJson.Deserialize<ApiAuditEntry>).ToList();
        }, cancellationToken);

    private static async Task<List<ApiKeyRecord>> ReadKeysAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<ApiKeyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ApiKeyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                SqliteCommands.FromUnixMs(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : SqliteCommands.FromUnixMs(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : SqliteCommands.FromUnixMs(reader.GetInt64(7))));
        }

        return result;
    }
}
