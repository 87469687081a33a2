using System.Net;
using System.Runtime.CompilerServices;
using ControlPlane.Cql.Connections;

namespace ControlPlane.Cql;

internal sealed partial class CqlSession
{
    public Task<RowSet> ExecuteAsync(CqlStatement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return ExecuteCoreAsync(statement, null, cancellationToken);
    }

    public Task<RowSet> ExecuteAsync(string cql, params object?[] values) =>
        ExecuteCoreAsync(new SimpleStatement(cql, values), null, CancellationToken.None);

    public Task BatchAsync(BatchStatement batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ExecuteCoreAsync(batch, null, cancellationToken);
    }

    public Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cql);
        var key = (_options.Keyspace ?? string.Empty) + "\n" + cql;
        var task = _prepared.GetOrAdd(key, _ => PrepareCoreAsync(cql, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            _prepared.TryRemove(new KeyValuePair<string, Task<PreparedStatement>>(key, task));
            task = _prepared.GetOrAdd(key, _ => PrepareCoreAsync(cql, cancellationToken));
        }
        return task;
    }

    private async Task<PreparedStatement> PrepareCoreAsync(string cql, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<IPEndPoint, Exception>>();
        // Preparing is bound to no consistency level: local nodes first, then the other datacenters'
        // when the options allow them, so a statement meant for QUORUM can still be prepared while
        // the local datacenter is down (a grain on that datacenter's silo writing for the first time).
        var plan = QueryPlan(CqlConsistency.Quorum);
        foreach (var pool in plan)
        {
            var connection = pool.TryBorrow();
            if (connection is null)
            {
                continue;
            }
            try
            {
                var (id, variables, result) = await PrepareOnAsync(connection, cql, _options.RequestTimeout, cancellationToken);
                var prepared = new PreparedStatement(cql, _options.Keyspace, id, variables, result);
                // Prepare on the other nodes in the background, to spare them an Unprepared round trip later.
                foreach (var other in plan.Where(p => !ReferenceEquals(p, pool)))
                {
                    if (other.TryBorrow() is { } otherConnection)
                    {
                        _ = PrepareOnAsync(otherConnection, cql, _options.RequestTimeout, CancellationToken.None)
                            .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                    }
                }
                return prepared;
            }
            catch (CqlException ex) when (ex is CqlConnectionException or CqlRequestTimeoutException or CqlBusyConnectionException
                or CqlOverloadedException or CqlIsBootstrappingException)
            {
                errors.Add(new(pool.Host.EndPoint, ex));
            }
        }
        throw new CqlNoHostAvailableException(
            "No node could prepare the statement: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}")), errors);
    }

    public async Task<LwtResult> ExecuteConditionalAsync(CqlStatement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        RowSet rows;
        try
        {
            // A conditional statement is never idempotent: run twice, the second run sees the first's effect.
            rows = await ExecuteCoreAsync(statement, idempotentOverride: false, cancellationToken);
        }
        catch (CqlRequestTimeoutException timeout)
        {
            throw new CqlLwtOutcomeUnknownException(
                $"Outcome unknown: no answer from {timeout.Host} within {timeout.Timeout.TotalMilliseconds:0} ms; the lightweight transaction may or may not have been applied.",
                null, 0, 0, timeout)
            { Host = timeout.Host };
        }
        catch (CqlConnectionException lost) when (lost.RequestSent)
        {
            throw new CqlLwtOutcomeUnknownException(
                $"Outcome unknown: the connection to {lost.Host} broke while the lightweight transaction was in flight; it may or may not have been applied.",
                null, 0, 0, lost)
            { Host = lost.Host };
        }
        catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
        {
            throw new CqlLwtOutcomeUnknownException(
                "Outcome unknown: the caller cancelled while the lightweight transaction was in flight; it may or may not have been applied.",
                null, 0, 0, cancelled);
        }
        if (rows.Count == 0 || rows.Columns.Count == 0 || rows.Columns[0].Name != "[applied]")
        {
            throw new InvalidOperationException(
                $"The statement is not conditional: its result has no [applied] column ({statement}).");
        }
        return new LwtResult(rows[0].Get<bool>(0), rows);
    }

    public async IAsyncEnumerable<RowSet> QueryPagesAsync(CqlStatement statement, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var current = statement;
        while (true)
        {
            var page = await ExecuteCoreAsync(current, null, cancellationToken);
            yield return page;
            if (!page.HasMorePages)
            {
                yield break;
            }
            current = statement.WithPagingState(page.PagingState);
        }
    }

    public async IAsyncEnumerable<Row> QueryRowsAsync(CqlStatement statement, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(statement, cancellationToken))
        {
            foreach (var row in page)
            {
                yield return row;
            }
        }
    }

    public async Task<bool> WaitForSchemaAgreementAsync(CancellationToken cancellationToken = default)
    {
        var deadline = _options.TimeProvider.GetUtcNow() + _options.SchemaAgreementTimeout;
        while (true)
        {
            try
            {
                var versions = new HashSet<Guid>();
                var local = await _control.QueryAsync("SELECT schema_version FROM system.local WHERE key = 'local'", cancellationToken);
                if (local.FirstOrDefault()?.Get<Guid?>(0) is { } own)
                {
                    versions.Add(own);
                }
                var peers = await _control.QueryAsync("SELECT peer, rpc_address, schema_version FROM system.peers", cancellationToken);
                foreach (var peer in peers)
                {
                    var address = peer.Get<IPAddress?>("rpc_address");
                    if (address is null || address.Equals(IPAddress.Any))
                    {
                        address = peer.Get<IPAddress>("peer");
                    }
                    var host = _topology.Find(address);
                    if (host is { IsUp: false } || peer.Get<Guid?>("schema_version") is not { } version)
                    {
                        continue;
                    }
                    versions.Add(version);
                }
                if (versions.Count <= 1)
                {
                    return true;
                }
            }
            catch (CqlException) when (_options.TimeProvider.GetUtcNow() < deadline)
            {
                // The control connection may be moving to another node; ask again.
            }
            if (_options.TimeProvider.GetUtcNow() >= deadline)
            {
                Log.NoSchemaAgreement(_logger, _options.SchemaAgreementTimeout);
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), _options.TimeProvider, cancellationToken);
        }
    }

    /// <summary>The node the control connection is on, for tests and diagnostics.</summary>
    internal IPEndPoint? ControlEndPoint => _control.EndPoint;

    /// <summary>The pools, for tests and diagnostics.</summary>
    internal IReadOnlyCollection<HostConnectionPool> Pools => _pools.Values.ToList();
}
