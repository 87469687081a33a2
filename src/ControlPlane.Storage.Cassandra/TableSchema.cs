namespace ControlPlane.Storage.Cassandra;

/// <summary>One table as the store expects it: created when missing, its missing columns added.</summary>
internal sealed record TableSchema(string Name, IReadOnlyList<(string Name, string Type)> Columns, string PrimaryKey, string Options)
{
    public string CreateCql(string keyspace) =>
        $"CREATE TABLE IF NOT EXISTS {keyspace}.{Name} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}"))}, PRIMARY KEY {PrimaryKey}) WITH {Options}";

    public string AddColumnCql(string keyspace, (string Name, string Type) column) =>
        $"ALTER TABLE {keyspace}.{Name} ADD {column.Name} {column.Type}";
}
