using System.Net;
using ControlPlane.Cql.Connections;
using ControlPlane.Cql.Policies;
using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql;

internal sealed partial class CqlSession
{
    private long _reprepared;

    /// <summary>How many times a statement was re-prepared after an Unprepared answer (diagnostics, tests).</summary>
    internal long RepreparedCount => Interlocked.Read(ref _reprepared);

    /// <summary>
    /// Sends a statement along the query plan: per host, borrow a connection, send, parse; on error ask
    /// <see cref="RetryPolicy"/> whether to retry there, move on, or give up. An Unprepared answer
    /// re-prepares the statement on that host and sends it again (it did not run).
    /// </summary>
    private async Task<RowSet> ExecuteCoreAsync(CqlStatement statement, bool? idempotentOverride, CancellationToken cancellationToken)
    {
        var consistency = statement.Consistency ?? _options.DefaultConsistency;
        var idempotent = idempotentOverride ?? statement.IsIdempotent ?? statement.IsSelect;
        var timeout = statement.Timeout ?? _options.RequestTimeout;
        var errors = new List<KeyValuePair<IPEndPoint, Exception>>();
        var retries = 0;
        var plan = QueryPlan(consistency);
        for (var index = 0; index < plan.Count; index++)
        {
            var pool = plan[index];
            var reprepared = false;
            while (true)
            {
                var connection = pool.TryBorrow();
                if (connection is null)
                {
                    errors.Add(new(pool.Host.EndPoint, new CqlConnectionException($"No open connection to {pool.Host.EndPoint}.") { RequestSent = false }));
                    break;
                }
                try
                {
                    pool.Host.CountRequest();
                    return await SendAsync(connection, statement, consistency, timeout, cancellationToken);
                }
                catch (CqlUnpreparedException unprepared) when (!reprepared)
                {
                    reprepared = true;
                    await ReprepareAsync(connection, statement, unprepared.PreparedId, timeout, cancellationToken);
                    continue;
                }
                catch (CqlException error)
                {
                    error.Host ??= pool.Host.EndPoint;
                    var decision = RetryPolicy.Decide(error, idempotent, retries);
                    Log.RequestRetry(_logger, pool.Host.EndPoint, error.GetType().Name, decision.ToString());
                    if (decision == RetryDecision.Rethrow)
                    {
                        throw;
                    }
                    retries++;
                    errors.Add(new(pool.Host.EndPoint, error));
                    if (decision == RetryDecision.RetrySameHost)
                    {
                        continue;
                    }
                    break;
                }
            }
        }
        if (errors.Count == 0)
        {
            throw new CqlNoHostAvailableException(
                $"No node is up in datacenter '{LocalDatacenter}'" +
                (_options.AllowRemoteDatacenters && !consistency.IsDatacenterLocal() ? " or any other datacenter." : $" (remote datacenters are not used for {consistency.ToCqlName()})."),
                errors);
        }
        if (errors[^1].Value is CqlServerException or CqlRequestTimeoutException)
        {
            // The last node's answer says more than a list would (an Unavailable tried on every node, say).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[^1].Value);
        }
        throw new CqlNoHostAvailableException(
            "Every node tried failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}")), errors);
    }

    private async Task<RowSet> SendAsync(
        CqlConnection connection, CqlStatement statement, CqlConsistency consistency, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var frame = BuildRequest(connection.Version, statement, consistency);
        var response = await connection.SendAsync(frame, timeout, cancellationToken);
        var reader = response.OpenBody(out var warnings);
        switch (response.Opcode)
        {
            case Opcode.Result:
                var known = statement is BoundStatement bound ? bound.Prepared.ResultMetadata : null;
                var rows = ResultParser.ParseRowSet(reader, known);
                rows.Host = connection.EndPoint;
                rows.Warnings = warnings;
                if (rows.SchemaChange is not null)
                {
                    await WaitForSchemaAgreementAsync(cancellationToken);
                }
                return rows;
            case Opcode.Error:
                var error = ErrorParser.Parse(reader);
                error.Host = connection.EndPoint;
                throw error;
            default:
                throw new CqlProtocolViolationException($"Unexpected {response.Opcode} in answer to a request.");
        }
    }

    private FrameWriter BuildRequest(int version, CqlStatement statement, CqlConsistency consistency)
    {
        long? timestamp = statement.Timestamp is { } explicitTimestamp
            ? TimestampGenerator.ToMicros(explicitTimestamp)
            : _options.UseClientTimestamps && !statement.IsSelect ? _timestamps.Next() : null;
        var serial = statement.SerialConsistency ?? (_options.DefaultSerialConsistency == CqlConsistency.Serial ? null : _options.DefaultSerialConsistency);
        var pageSize = statement.PageSize ?? _options.DefaultPageSize;
        FrameWriter? frame = null;
        try
        {
            switch (statement)
            {
                case SimpleStatement simple:
                    frame = new FrameWriter(version, Opcode.Query, 64 + (simple.Cql.Length * 3));
                    Requests.Query(frame, simple.Cql, new QueryParameters(
                        consistency, simple.Values, null, false, pageSize, statement.PagingState, serial, timestamp));
                    break;
                case BoundStatement bound:
                    frame = new FrameWriter(version, Opcode.Execute);
                    var prepared = bound.Prepared;
                    Requests.Execute(frame, prepared.Id, new QueryParameters(
                        consistency, bound.Values, prepared.VariableTypes, prepared.ResultColumns.Count > 0,
                        pageSize, statement.PagingState, serial, timestamp));
                    break;
                case BatchStatement batch:
                    frame = new FrameWriter(version, Opcode.Batch, 1024);
                    var entries = new Requests.BatchEntry[batch.Statements.Count];
                    for (var i = 0; i < entries.Length; i++)
                    {
                        entries[i] = batch.Statements[i] switch
                        {
                            SimpleStatement s => new Requests.BatchEntry(s.Cql, null, s.Values, null),
                            BoundStatement b => new Requests.BatchEntry(null, b.Prepared.Id, b.Values, b.Prepared.VariableTypes),
                            _ => throw new ArgumentException("A batch holds simple and bound statements only."),
                        };
                    }
                    Requests.Batch(frame, batch.Type, entries, consistency, serial, timestamp);
                    break;
                default:
                    throw new ArgumentException($"Unknown statement type {statement.GetType().Name}.", nameof(statement));
            }
            frame.Finish();
            return frame;
        }
        catch
        {
            frame?.Dispose();
            throw;
        }
    }

    /// <summary>Prepares again, on the connection that did not know it, the statement whose id the server asked for.</summary>
    private async Task ReprepareAsync(CqlConnection connection, CqlStatement statement, byte[] id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var prepared = statement switch
        {
            BoundStatement bound => bound.Prepared,
            BatchStatement batch => batch.Statements.OfType<BoundStatement>().Select(b => b.Prepared)
                .FirstOrDefault(p => p.Id.AsSpan().SequenceEqual(id)),
            _ => null,
        };
        if (prepared is null)
        {
            throw new CqlProtocolViolationException("The server reported an unknown prepared id this request did not use.");
        }
        Log.Reprepare(_logger, connection.EndPoint);
        Interlocked.Increment(ref _reprepared);
        var (newId, _, _) = await PrepareOnAsync(connection, prepared.Cql, timeout, cancellationToken);
        if (!newId.AsSpan().SequenceEqual(prepared.Id))
        {
            prepared.UpdateId(newId);
        }
    }

    private static async Task<(byte[] Id, RowMetadata Variables, RowMetadata Result)> PrepareOnAsync(
        CqlConnection connection, string cql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(Opcode.Prepare, w => Requests.Prepare(w, cql), timeout, cancellationToken);
        var reader = response.OpenBody(out _);
        if (response.Opcode == Opcode.Error)
        {
            var error = ErrorParser.Parse(reader);
            error.Host = connection.EndPoint;
            throw error;
        }
        return ResultParser.ParsePrepared(reader);
    }
}
