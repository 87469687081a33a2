using ControlPlane.Cql;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>
/// A real session that loses the answer of chosen conditional statements, as a CAS write timeout or a
/// broken connection would: the statement ran (or not), and the caller gets an unknown outcome. It can
/// also fail plain statements (say, the audit index writes) as an unavailable coordinator would.
/// </summary>
internal sealed class LosingAnswersSession(ICqlSession inner) : ICqlSession
{
    private readonly Queue<(string CqlContains, bool RunFirst, Func<Task>? Meanwhile)> _plan = new();
    private string? _failing;

    public int ProtocolVersion => inner.ProtocolVersion;

    public string LocalDatacenter => inner.LocalDatacenter;

    public IReadOnlyCollection<CqlHost> Hosts => inner.Hosts;

    /// <summary>
    /// The next conditional statement whose text contains <paramref name="cqlContains"/> loses its answer,
    /// after running if <paramref name="runFirst"/>; <paramref name="meanwhile"/> runs before the loss is
    /// reported (another writer acting while the answer was on its way).
    /// </summary>
    public void LoseNext(string cqlContains, bool runFirst, Func<Task>? meanwhile = null)
    {
        lock (_plan)
        {
            _plan.Enqueue((cqlContains, runFirst, meanwhile));
        }
    }

    /// <summary>Every plain statement whose text contains <paramref name="cqlContains"/> fails until <see cref="StopFailing"/>.</summary>
    public void FailPlain(string cqlContains) => Volatile.Write(ref _failing, cqlContains);

    public void StopFailing() => Volatile.Write(ref _failing, null);

    public async Task<LwtResult> ExecuteConditionalAsync(CqlStatement statement, CancellationToken cancellationToken = default)
    {
        (string, bool RunFirst, Func<Task>? Meanwhile)? fault = null;
        lock (_plan)
        {
            if (_plan.TryPeek(out var next) && Text(statement).Contains(next.CqlContains, StringComparison.Ordinal))
            {
                fault = _plan.Dequeue();
            }
        }

        if (fault is null)
        {
            return await inner.ExecuteConditionalAsync(statement, cancellationToken);
        }

        if (fault.Value.RunFirst)
        {
            await inner.ExecuteConditionalAsync(statement, cancellationToken);
        }

        if (fault.Value.Meanwhile is { } meanwhile)
        {
            await meanwhile();
        }

        throw new CqlLwtOutcomeUnknownException("Outcome unknown: answer lost by the test", CqlConsistency.Serial, 0, 2);
    }

    public Task<RowSet> ExecuteAsync(CqlStatement statement, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _failing) is { } failing && Text(statement).Contains(failing, StringComparison.Ordinal)
            ? Task.FromException<RowSet>(new CqlException($"Cannot achieve consistency (failed by the test): {failing}"))
            : inner.ExecuteAsync(statement, cancellationToken);

    public Task<RowSet> ExecuteAsync(string cql, params object?[] values) => inner.ExecuteAsync(cql, values);

    public Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default) => inner.PrepareAsync(cql, cancellationToken);

    public Task BatchAsync(BatchStatement batch, CancellationToken cancellationToken = default) => inner.BatchAsync(batch, cancellationToken);

    public IAsyncEnumerable<RowSet> QueryPagesAsync(CqlStatement statement, CancellationToken cancellationToken = default) => inner.QueryPagesAsync(statement, cancellationToken);

    public IAsyncEnumerable<Row> QueryRowsAsync(CqlStatement statement, CancellationToken cancellationToken = default) => inner.QueryRowsAsync(statement, cancellationToken);

    public Task<bool> WaitForSchemaAgreementAsync(CancellationToken cancellationToken = default) => inner.WaitForSchemaAgreementAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static string Text(CqlStatement statement) => statement switch
    {
        BoundStatement bound => bound.Prepared.Cql,
        SimpleStatement simple => simple.Cql,
        BatchStatement batch => string.Join("; ", batch.Statements.Select(Text)),
        _ => string.Empty,
    };
}
