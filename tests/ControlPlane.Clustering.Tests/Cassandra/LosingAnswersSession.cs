using ControlPlane.Cql;

namespace ControlPlane.Clustering.Tests.Cassandra;

/// <summary>A real session that, when told to, reports the next conditional statement's outcome as unknown, after running it or without sending it.</summary>
internal sealed class LosingAnswersSession(ICqlSession inner) : ICqlSession
{
    /// <summary>Run the next conditional statement, then lose its answer.</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>Fail the next conditional statement with an unknown outcome without sending it.</summary>
    public bool DropNextStatement { get; set; }

    public int ProtocolVersion => inner.ProtocolVersion;

    public string LocalDatacenter => inner.LocalDatacenter;

    public IReadOnlyCollection<CqlHost> Hosts => inner.Hosts;

    public async Task<LwtResult> ExecuteConditionalAsync(CqlStatement statement, CancellationToken cancellationToken = default)
    {
        if (DropNextStatement)
        {
            DropNextStatement = false;
            throw new CqlLwtOutcomeUnknownException("test: the statement was lost before it was sent", CqlConsistency.Serial, 0, 1);
        }

        var result = await inner.ExecuteConditionalAsync(statement, cancellationToken);
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new CqlLwtOutcomeUnknownException("test: the answer was lost", CqlConsistency.Serial, 0, 1);
        }

        return result;
    }

    public Task<RowSet> ExecuteAsync(CqlStatement statement, CancellationToken cancellationToken = default) => inner.ExecuteAsync(statement, cancellationToken);

    public Task<RowSet> ExecuteAsync(string cql, params object?[] values) => inner.ExecuteAsync(cql, values);

    public Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default) => inner.PrepareAsync(cql, cancellationToken);

    public Task BatchAsync(BatchStatement batch, CancellationToken cancellationToken = default) => inner.BatchAsync(batch, cancellationToken);

    public IAsyncEnumerable<RowSet> QueryPagesAsync(CqlStatement statement, CancellationToken cancellationToken = default) => inner.QueryPagesAsync(statement, cancellationToken);

    public IAsyncEnumerable<Row> QueryRowsAsync(CqlStatement statement, CancellationToken cancellationToken = default) => inner.QueryRowsAsync(statement, cancellationToken);

    public Task<bool> WaitForSchemaAgreementAsync(CancellationToken cancellationToken = default) => inner.WaitForSchemaAgreementAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
