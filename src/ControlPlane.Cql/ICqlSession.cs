namespace ControlPlane.Cql;

/// <summary>
/// A connected client of one Cassandra cluster: thread-safe, meant to be shared by the whole process.
/// </summary>
public interface ICqlSession : IAsyncDisposable
{
    /// <summary>The negotiated native protocol version (4, or 3 against Cassandra 2.1).</summary>
    int ProtocolVersion { get; }

    /// <summary>The datacenter whose nodes coordinate requests.</summary>
    string LocalDatacenter { get; }

    /// <summary>The nodes of the cluster, with their datacenter and state.</summary>
    IReadOnlyCollection<CqlHost> Hosts { get; }

    /// <summary>Runs a statement and returns its first page (all rows when paging is off or the result is small).</summary>
    Task<RowSet> ExecuteAsync(CqlStatement statement, CancellationToken cancellationToken = default);

    /// <summary>Runs a CQL text with positional values at the default consistency.</summary>
    Task<RowSet> ExecuteAsync(string cql, params object?[] values);

    /// <summary>Prepares a statement (cached per text: preparing the same text again is free).</summary>
    Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a conditional statement (INSERT ... IF NOT EXISTS, UPDATE ... IF, DELETE ... IF) or a
    /// conditional batch, and reports whether it was applied with the current values when not.
    /// Throws <see cref="CqlLwtOutcomeUnknownException"/> when the outcome cannot be known.
    /// </summary>
    Task<LwtResult> ExecuteConditionalAsync(CqlStatement statement, CancellationToken cancellationToken = default);

    /// <summary>Runs a batch (logged, unlogged or counter).</summary>
    Task BatchAsync(BatchStatement batch, CancellationToken cancellationToken = default);

    /// <summary>Every page of a query, fetched one after the other as the caller iterates.</summary>
    IAsyncEnumerable<RowSet> QueryPagesAsync(CqlStatement statement, CancellationToken cancellationToken = default);

    /// <summary>Every row of a query across pages, each exactly once.</summary>
    IAsyncEnumerable<Row> QueryRowsAsync(CqlStatement statement, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until every node that is up reports the same schema version. DDL statements run through
    /// this session already wait; returns false when agreement was not reached within the timeout.
    /// </summary>
    Task<bool> WaitForSchemaAgreementAsync(CancellationToken cancellationToken = default);
}
