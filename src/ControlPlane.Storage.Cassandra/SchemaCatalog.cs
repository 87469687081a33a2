using System.Text.Json;
using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>What the cluster's schema says about one keyspace: whether it exists, its replication, its tables and their columns.</summary>
/// <remarks>Read from <c>system_schema</c> (Cassandra 3.0 and later) or, when that keyspace does not exist, from the <c>system.schema_*</c> tables of Cassandra 2.x.</remarks>
internal sealed record SchemaCatalog(bool KeyspaceExists, IReadOnlyDictionary<string, string> Replication, IReadOnlyDictionary<string, HashSet<string>> Columns)
{
    public static async Task<SchemaCatalog> ReadAsync(ICqlSession session, string keyspace, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadModernAsync(session, keyspace, cancellationToken);
        }
        catch (CqlInvalidQueryException)
        {
            return await ReadLegacyAsync(session, keyspace, cancellationToken);
        }
    }

    /// <summary>The tables of <paramref name="expected"/> that do not exist yet.</summary>
    public IReadOnlyList<TableSchema> MissingTables(IEnumerable<TableSchema> expected) => expected.Where(t => !Columns.ContainsKey(t.Name)).ToList();

    /// <summary>Columns of existing tables that do not exist yet (a newer version of the store added them).</summary>
    public IReadOnlyList<(TableSchema Table, (string Name, string Type) Column)> MissingColumns(IEnumerable<TableSchema> expected) =>
        expected.Where(t => Columns.ContainsKey(t.Name))
            .SelectMany(t => t.Columns.Where(c => !Columns[t.Name].Contains(c.Name)).Select(c => (t, c)))
            .ToList();

    private static async Task<SchemaCatalog> ReadModernAsync(ICqlSession session, string keyspace, CancellationToken cancellationToken)
    {
        var keyspaces = await session.ExecuteAsync(Local("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace), cancellationToken);
        if (keyspaces.FirstOrDefault() is not { } row)
        {
            return new(false, new Dictionary<string, string>(), new Dictionary<string, HashSet<string>>());
        }

        var replication = row.Get<Dictionary<string, string>>("replication");
        var columns = await session.ExecuteAsync(Local("SELECT table_name, column_name FROM system_schema.columns WHERE keyspace_name = ?", keyspace), cancellationToken);
        return new(true, replication, Group(columns));
    }

    private static async Task<SchemaCatalog> ReadLegacyAsync(ICqlSession session, string keyspace, CancellationToken cancellationToken)
    {
        var keyspaces = await session.ExecuteAsync(Local("SELECT strategy_options FROM system.schema_keyspaces WHERE keyspace_name = ?", keyspace), cancellationToken);
        if (keyspaces.FirstOrDefault() is not { } row)
        {
            return new(false, new Dictionary<string, string>(), new Dictionary<string, HashSet<string>>());
        }

        var options = row.Get<string?>("strategy_options");
        var replication = string.IsNullOrEmpty(options) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(options) ?? [];
        var columns = await session.ExecuteAsync(Local("SELECT columnfamily_name, column_name FROM system.schema_columns WHERE keyspace_name = ?", keyspace), cancellationToken);
        return new(true, replication, Group(columns));
    }

    private static Dictionary<string, HashSet<string>> Group(RowSet rows)
    {
        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var table = row.Get<string>(0);
            if (!tables.TryGetValue(table, out var columns))
            {
                tables[table] = columns = new HashSet<string>(StringComparer.Ordinal);
            }

            columns.Add(row.Get<string>(1));
        }

        return tables;
    }

    // The schema tables are node-local: any one node's answer will do (agreement is awaited separately).
    private static SimpleStatement Local(string cql, string keyspace) => new(cql, keyspace) { Consistency = CqlConsistency.One, PageSize = 0 };
}
