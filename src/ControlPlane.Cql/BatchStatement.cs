namespace ControlPlane.Cql;

/// <summary>
/// Several writes sent as one BATCH: logged (atomic), unlogged or counter. A batch with conditions
/// (IF ...) is a conditional batch: it must target one partition, and <see cref="ICqlSession.ExecuteConditionalAsync"/> reports its outcome.
/// </summary>
public sealed class BatchStatement : CqlStatement
{
    private readonly List<CqlStatement> _statements = new();

    public BatchStatement(BatchType type = BatchType.Logged)
    {
        Type = type;
    }

    /// <summary>Logged, unlogged or counter.</summary>
    public BatchType Type { get; }

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<CqlStatement> Statements => _statements;

    /// <summary>Adds a simple or bound statement (not a batch); returns this batch.</summary>
    public BatchStatement Add(CqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement is BatchStatement)
        {
            throw new ArgumentException("A batch cannot contain a batch.", nameof(statement));
        }
        if (_statements.Count >= ushort.MaxValue)
        {
            throw new InvalidOperationException("A batch holds at most 65535 statements.");
        }
        _statements.Add(statement);
        return this;
    }

    /// <summary>Adds a simple statement; returns this batch.</summary>
    public BatchStatement Add(string cql, params object?[] values) => Add(new SimpleStatement(cql, values));

    internal override bool IsSelect => false;

    internal override CqlStatement WithPagingState(byte[]? pagingState) => this;

    public override string ToString() => $"BATCH {Type} of {_statements.Count}";
}
