using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>API keys and the API audit log on Cassandra.</summary>
/// <remarks>
/// Keys are few: one partition (<c>scope = 'keys'</c>) read and written at QUORUM, so a key created or
/// revoked through one silo is seen by every other silo's next read. The audit log is bucketed by UTC
/// day like the decision log (<c>api_audit_days</c> lists the days), clustered by time and id
/// descending, written and read at LOCAL_QUORUM; a page continues strictly after its cursor's (at, id).
/// </remarks>
internal sealed class CassandraAccessStore(CassandraContext db) : IAccessStore
{
    private const string Scope = "keys";
    private const string AuditScope = "api";
    private const string Columns = "id, name, role, secret_hash, created_by, created_at, last_used_at, revoked_at";

    /// <summary>The tables of this store, added to <see cref="CassandraSchema.Tables"/>.</summary>
    public static IReadOnlyList<TableSchema> Tables { get; } =
    [
        new("api_keys",
            [("scope", "text"), ("id", "text"), ("name", "text"), ("role", "text"), ("secret_hash", "text"), ("created_by", "text"),
             ("created_at", "timestamp"), ("last_used_at", "timestamp"), ("revoked_at", "timestamp")],
            "(scope, id)", "speculative_retry = 'ALWAYS'"),
        new("api_audit_days", [("scope", "text"), ("day", "text")], "(scope, day)", "CLUSTERING ORDER BY (day DESC) AND speculative_retry = 'NONE'"),
        new("api_audit", [("day", "text"), ("at", "timestamp"), ("id", "text"), ("json", "text")], "((day), at, id)",
            "CLUSTERING ORDER BY (at DESC, id DESC) AND speculative_retry = 'NONE'"),
    ];

    private readonly HashSet<string> _daysWritten = [];

    public Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        db.WriteAsync($"INSERT INTO {db.Keyspace}.api_keys (scope, {Columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", StoreConsistency.Agreed, cancellationToken,
            Scope, key.Id, key.Name, key.Role, key.SecretHash, key.CreatedBy, key.CreatedAt, key.LastUsedAt, key.RevokedAt);

    public async Task<ApiKeyRecord?> GetKeyAsync(string id, CancellationToken cancellationToken) =>
        (await db.ReadAsync($"SELECT {Columns} FROM {db.Keyspace}.api_keys WHERE scope = ? AND id = ?", StoreConsistency.Agreed, cancellationToken, Scope, id))
            .Select(ToKey).FirstOrDefault();

    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken) =>
        (await db.ReadAsync($"SELECT {Columns} FROM {db.Keyspace}.api_keys WHERE scope = ?", StoreConsistency.Agreed, cancellationToken, Scope))
            .Select(ToKey).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();

    public async Task<bool> RevokeKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = await GetKeyAsync(id, cancellationToken);
        if (key is null)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            await db.WriteAsync($"UPDATE {db.Keyspace}.api_keys SET revoked_at = ? WHERE scope = ? AND id = ?", StoreConsistency.Agreed, cancellationToken, at, Scope, id);
        }

        return true;
    }

    public Task TouchKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.WriteAsync($"UPDATE {db.Keyspace}.api_keys SET last_used_at = ? WHERE scope = ? AND id = ?", StoreConsistency.Local, cancellationToken, at, Scope, id);

    public async Task AppendAuditAsync(ApiAuditEntry entry, CancellationToken cancellationToken)
    {
        var day = AuditIndex.Day(entry.At);
        var ttl = AuditIndex.TtlSeconds(db.Options.AuditRetention);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(entry.At.ToUnixTimeMilliseconds());
        await db.WriteAsync($"INSERT INTO {db.Keyspace}.api_audit (day, at, id, json) VALUES (?, ?, ?, ?) USING TTL ?", StoreConsistency.Local, cancellationToken,
            day, at, entry.Id, StoreJson.Serialize(entry with { At = at }), ttl);
        bool known;
        lock (_daysWritten)
        {
            known = _daysWritten.Contains(day);
        }

        if (!known)
        {
            var dayTtl = ttl == 0 ? 0 : ttl + (int)TimeSpan.FromDays(1).TotalSeconds;
            await db.WriteAsync($"INSERT INTO {db.Keyspace}.api_audit_days (scope, day) VALUES (?, ?) USING TTL ?", StoreConsistency.Local, cancellationToken, AuditScope, day, dayTtl);
            lock (_daysWritten)
            {
                _daysWritten.Add(day);
            }
        }
    }

    public async Task<IReadOnlyList<ApiAuditEntry>> QueryAuditAsync(int limit, ApiAuditPosition? before, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 10_000);
        var days = before is null
            ? await db.ReadAsync($"SELECT day FROM {db.Keyspace}.api_audit_days WHERE scope = ?", StoreConsistency.Local, cancellationToken, AuditScope)
            : await db.ReadAsync($"SELECT day FROM {db.Keyspace}.api_audit_days WHERE scope = ? AND day <= ?", StoreConsistency.Local, cancellationToken, AuditScope, AuditIndex.Day(before.At));
        var result = new List<ApiAuditEntry>();
        foreach (var day in days.Select(r => r.Get<string>(0)))
        {
            var continues = before is not null && day == AuditIndex.Day(before.At);
            var statement = continues
                ? await db.BindAsync($"SELECT json FROM {db.Keyspace}.api_audit WHERE day = ? AND (at, id) < (?, ?)", StoreConsistency.Local, cancellationToken, day, before!.At, before.Id)
                : await db.BindAsync($"SELECT json FROM {db.Keyspace}.api_audit WHERE day = ?", StoreConsistency.Local, cancellationToken, day);
            statement.PageSize = limit - result.Count;
            await foreach (var row in db.Session.QueryRowsAsync(statement, cancellationToken))
            {
                result.Add(StoreJson.Deserialize<ApiAuditEntry>(row.Get<string>(0)));
                if (result.Count == limit)
                {
                    return result;
                }
            }
        }

        return result;
    }

    private static ApiKeyRecord ToKey(Row row) => new(
        row.Get<string>("id"), row.Get<string>("name"), row.Get<string>("role"), row.Get<string>("secret_hash"), row.Get<string>("created_by"),
        row.Get<DateTimeOffset>("created_at"), row.Get<DateTimeOffset?>("last_used_at"), row.Get<DateTimeOffset?>("revoked_at"));
}
