namespace ControlPlane.Cql;

/// <summary>A column of a result or a bind variable of a prepared statement.</summary>
/// <param name="Keyspace">Keyspace of the column's table.</param>
/// <param name="Table">The table.</param>
/// <param name="Name">Column name as the server spells it (<c>[applied]</c> for LWT results).</param>
/// <param name="Type">The column type.</param>
public sealed record CqlColumn(string Keyspace, string Table, string Name, CqlType Type);
