namespace ControlPlane.Storage.Sqlite;

internal sealed class SqliteDefinitionStore(SqliteDatabase db) : IDefinitionStore
{
    private const string SelectLatest = "SELECT version, yaml, content_hash, applied_at, applied_by FROM definitions ORDER BY version DESC LIMIT 1";

    public Task<StoredDefinition?> GetLatestAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(c => ReadLatestAsync(c, null, cancellationToken), cancellationToken);

    public Task<StoredDefinition> AppendAsync(string yaml, string contentHash, string appliedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var latest = await ReadLatestAsync(c, t, cancellationToken);
            if (latest is not null && latest.ContentHash == contentHash)
            {
                return latest;
            }

            var version = (latest?.Version ?? 0) + 1;
            using var insert = c.Command(
                "INSERT INTO definitions (version, yaml, content_hash, applied_at, applied_by) VALUES ($v, $y, $h, $at, $by)", t,
                ("$v", version), ("$y", yaml), ("$h", contentHash), ("$at", at.ToUnixMs()), ("$by", appliedBy));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return new StoredDefinition(version, yaml, contentHash, SqliteCommands.FromUnixMs(at.ToUnixMs()), appliedBy);
        }, cancellationToken);

    private static async Task<StoredDefinition?> ReadLatestAsync(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction? t, CancellationToken cancellationToken)
    {
        using var select = c.Command(SelectLatest, t);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredDefinition(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), SqliteCommands.FromUnixMs(reader.GetInt64(3)), reader.GetString(4));
    }
}
