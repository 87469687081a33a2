namespace ControlPlane.Cql.Protocol;

/// <summary>The &lt;query_parameters&gt; of QUERY and EXECUTE, resolved from a statement and the defaults.</summary>
internal readonly record struct QueryParameters(
    CqlConsistency Consistency,
    IReadOnlyList<object?>? Values,
    IReadOnlyList<CqlType>? ValueTypes,
    bool SkipMetadata,
    int PageSize,
    byte[]? PagingState,
    CqlConsistency? SerialConsistency,
    long? TimestampMicros);
