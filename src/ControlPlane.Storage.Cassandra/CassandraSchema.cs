namespace ControlPlane.Storage.Cassandra;

/// <summary>The tables of the store (see docs/storage.md for why each is shaped as it is).</summary>
/// <remarks>
/// No table is ever scanned: every query names its partition. Tables read at LOCAL_QUORUM get
/// <c>speculative_retry = 'NONE'</c>, so a slow local replica is not replaced by a remote one; tables
/// read at QUORUM get <c>'ALWAYS'</c>. Overwrite-heavy tables use leveled compaction.
/// </remarks>
internal static class CassandraSchema
{
    private const string Local = "speculative_retry = 'NONE'";
    private const string LocalLeveled = Local + " AND " + LeveledCompaction;

    // Read at QUORUM (a majority of all datacenters): ask every replica at once and take the first
    // answers, so a dead datacenter costs nothing even before gossip marks it down (without this a
    // read, or the read inside a Paxos round, that picked the dead replica waits out the read timeout).
    private const string Agreed = "speculative_retry = 'ALWAYS'";
    private const string AgreedLeveled = Agreed + " AND " + LeveledCompaction;
    private const string LeveledCompaction = "compaction = {'class': 'LeveledCompactionStrategy'}";

    /// <summary>Every table, in creation order.</summary>
    public static IReadOnlyList<TableSchema> Tables { get; } =
    [
        // A partition per grain: its state, the ETag that fences writes to it (IF etag = ?), and the
        // decisions and DNS changes of its latest writes (outbox) from which the audit tables are written.
        new("grain_state",
            [("grain_kind", "text"), ("grain_key", "text"), ("state", "text"), ("etag", "text"), ("outbox", "text")],
            "((grain_kind, grain_key))", AgreedLeveled),

        new("definitions",
            [("scope", "text"), ("version", "bigint"), ("content_hash", "text"), ("yaml_sha256", "text"),
             ("applied_at", "timestamp"), ("applied_by", "text")],
            "(scope, version)", "CLUSTERING ORDER BY (version DESC) AND " + Agreed),
        new("definition_bodies", [("yaml_sha256", "text"), ("yaml", "text")], "(yaml_sha256)", Agreed),

        new("observations", [("endpoint_id", "text"), ("region", "text"), ("json", "text")], "(endpoint_id, region)", LocalLeveled),

        // Query tables of the audit log, each bucketed by UTC day; audit_days lists the days of each scope.
        new("audit_days", [("scope", "text"), ("day", "text")], "(scope, day)", "CLUSTERING ORDER BY (day DESC) AND " + Local),
        AuditTable("decisions_by_day", null),
        AuditTable("decisions_by_service", "service_id"),
        AuditTable("decisions_by_endpoint", "endpoint_id"),
        AuditTable("dns_changes_by_day", null),
        AuditTable("dns_changes_by_service", "service_id"),
        .. CassandraAccessStore.Tables,
    ];

    private static TableSchema AuditTable(string name, string? keyColumn)
    {
        var columns = new List<(string, string)>();
        if (keyColumn is not null)
        {
            columns.Add((keyColumn, "text"));
        }

        columns.AddRange([("day", "text"), ("at", "timestamp"), ("id", "text"), ("json", "text")]);
        var partition = keyColumn is null ? "day" : $"({keyColumn}, day)";
        return new(name, columns, $"({partition}, at, id)", "CLUSTERING ORDER BY (at DESC, id DESC) AND " + Local);
    }
}
