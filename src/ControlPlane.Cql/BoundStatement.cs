namespace ControlPlane.Cql;

/// <summary>A prepared statement with its values, sent as EXECUTE.</summary>
public sealed class BoundStatement : CqlStatement
{
    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        Prepared = prepared;
        Values = values;
    }

    /// <summary>The prepared statement.</summary>
    public PreparedStatement Prepared { get; }

    /// <summary>Positional values.</summary>
    public IReadOnlyList<object?> Values { get; }

    internal override bool IsSelect => Prepared.ResultColumns.Count > 0 && Prepared.Cql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    internal override CqlStatement WithPagingState(byte[]? pagingState) => new BoundStatement(Prepared, (object?[])Values)
    {
        Consistency = Consistency,
        SerialConsistency = SerialConsistency,
        PageSize = PageSize,
        PagingState = pagingState,
        Timestamp = Timestamp,
        IsIdempotent = IsIdempotent,
        Timeout = Timeout,
    };

    public override string ToString() => Prepared.Cql;
}
