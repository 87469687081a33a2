namespace ControlPlane.Cql;

/// <summary>A CQL text with positional <c>?</c> values, sent as QUERY (types inferred from the CLR values).</summary>
public sealed class SimpleStatement : CqlStatement
{
    public SimpleStatement(string cql, params object?[] values)
    {
        Cql = cql ?? throw new ArgumentNullException(nameof(cql));
        Values = values ?? Array.Empty<object?>();
    }

    /// <summary>The statement text.</summary>
    public string Cql { get; }

    /// <summary>Positional values.</summary>
    public IReadOnlyList<object?> Values { get; }

    internal override bool IsSelect => Cql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    internal override CqlStatement WithPagingState(byte[]? pagingState) => new SimpleStatement(Cql, (object?[])Values)
    {
        Consistency = Consistency,
        SerialConsistency = SerialConsistency,
        PageSize = PageSize,
        PagingState = pagingState,
        Timestamp = Timestamp,
        IsIdempotent = IsIdempotent,
        Timeout = Timeout,
    };

    public override string ToString() => Cql;
}
