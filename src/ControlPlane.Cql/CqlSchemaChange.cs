namespace ControlPlane.Cql;

/// <summary>What a DDL statement changed (RESULT kind Schema_change).</summary>
/// <param name="ChangeType">CREATED, UPDATED or DROPPED.</param>
/// <param name="Target">KEYSPACE, TABLE, TYPE (v4 also FUNCTION, AGGREGATE).</param>
/// <param name="Keyspace">The keyspace.</param>
/// <param name="Name">The table, type or function name; empty for a keyspace.</param>
public sealed record CqlSchemaChange(string ChangeType, string Target, string Keyspace, string Name);
