using ControlPlane.Cql;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Storage.Cassandra;

/// <summary>What every part of the store shares: the session (set by InitializeAsync), the keyspace, options and logger.</summary>
internal sealed class CassandraContext(CassandraStoreOptions options, ILogger logger)
{
    private ICqlSession? _session;

    public CassandraStoreOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;

    public string Keyspace { get; } = options.Keyspace;

    public ICqlSession Session => _session ?? throw new InvalidOperationException("The Cassandra store is not initialized: call InitializeAsync first.");

    public bool IsConnected => _session is not null;

    public void Connect(ICqlSession session) => _session = session;

    /// <summary>A prepared statement bound to values, at the given consistency.</summary>
    public async Task<BoundStatement> BindAsync(string cql, CqlConsistency consistency, CancellationToken cancellationToken, params object?[] values)
    {
        var prepared = await Session.PrepareAsync(cql, cancellationToken);
        var statement = prepared.Bind(values);
        statement.Consistency = consistency;
        return statement;
    }

    /// <summary>Reads all rows of a query (one partition, small).</summary>
    public async Task<RowSet> ReadAsync(string cql, CqlConsistency consistency, CancellationToken cancellationToken, params object?[] values) =>
        await Session.ExecuteAsync(await BindAsync(cql, consistency, cancellationToken, values), cancellationToken);

    /// <summary>
    /// A plain write that may safely be retried (its values and effect are the same every time). A
    /// datacenter-local write whose own datacenter is down is made at QUORUM through the others
    /// instead: the audit index and observations must not wait for a dead datacenter to return.
    /// </summary>
    public async Task WriteAsync(string cql, CqlConsistency consistency, CancellationToken cancellationToken, params object?[] values)
    {
        var statement = await BindAsync(cql, consistency, cancellationToken, values);
        statement.IsIdempotent = true;
        try
        {
            await Session.ExecuteAsync(statement, cancellationToken);
        }
        catch (CqlNoHostAvailableException) when (consistency == StoreConsistency.Local)
        {
            statement.Consistency = StoreConsistency.Agreed;
            await Session.ExecuteAsync(statement, cancellationToken);
        }
    }

    /// <summary>
    /// Runs a conditional statement or batch: Paxos at SERIAL, committed at QUORUM. A server write timeout
    /// during the commit phase is reported as an unknown outcome too, never as a plain failure.
    /// </summary>
    public async Task<LwtResult> ConditionalAsync(CqlStatement statement, CancellationToken cancellationToken)
    {
        statement.SerialConsistency = StoreConsistency.Paxos;
        statement.Consistency = StoreConsistency.Agreed;
        try
        {
            return await Session.ExecuteConditionalAsync(statement, cancellationToken);
        }
        catch (CqlWriteTimeoutException e)
        {
            throw new CqlLwtOutcomeUnknownException(
                $"Outcome unknown: {e.Message} (a {e.WriteType} write of a lightweight transaction timed out after its proposal).",
                e.Consistency, e.Received, e.BlockFor, e);
        }
    }

    /// <summary>Bounded, jittered pause between retries of a contended conditional write.</summary>
    public static Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * Math.Min(attempt, 10)), cancellationToken);
}
