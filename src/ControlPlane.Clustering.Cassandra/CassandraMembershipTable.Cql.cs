using ControlPlane.Cql;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>How the table talks to Cassandra: the session, partition reads, and conditional writes with unknown outcomes resolved.</summary>
internal sealed partial class CassandraMembershipTable
{
    private async Task<bool> WriteAsync(string operation, string cql, MembershipEntry entry, int version, params object?[] conditions)
    {
        var statement = await BindAsync(cql, MembershipConsistency.Agreed,
            [.. MembershipRow.Values(entry, version), _partition, .. MembershipRow.Key(entry.SiloAddress), .. conditions]);
        try
        {
            return (await ConditionalAsync(statement)).Applied;
        }
        catch (Exception e) when (IsUnknownOutcome(e))
        {
            Log.OutcomeUnknown(_logger, operation, entry.SiloAddress.ToString(), version, e.Message);
            return await LandedAsync(operation, entry, version);
        }
    }

    /// <summary>Whether our write of <paramref name="entry"/> at <paramref name="version"/> is the one stored, read at SERIAL.</summary>
    /// <remarks>
    /// A SERIAL read finishes any accepted round first, so after it the write either happened or never
    /// will. Ours happened iff the row carries our version as its etag (each version is won by one write
    /// only) and our content. If the row moved on since, we cannot tell and answer false, which is safe:
    /// Orleans then re-reads the table and retries from what is stored.
    /// </remarks>
    private async Task<bool> LandedAsync(string operation, MembershipEntry entry, int version)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stored = (await ReadAsync(MembershipConsistency.Paxos, entry.SiloAddress, CancellationToken.None)).Members.FirstOrDefault();
                var landed = stored is not null && stored.Item2 == MembershipVersion.Etag(version) && MembershipEntryContent.Same(stored.Item1, entry);
                Log.OutcomeResolved(_logger, operation, entry.SiloAddress.ToString(), version, landed ? "landed" : "did not land");
                return landed;
            }
            catch (CqlException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
            catch (CqlException e)
            {
                Log.OutcomeUnresolved(_logger, operation, entry.SiloAddress.ToString(), version, e.Message);
                return false;
            }
        }
    }

    private async Task<MembershipTableData> ReadAsync(CqlConsistency consistency, SiloAddress? only, CancellationToken cancellationToken)
    {
        var statement = await BindAsync(_cql.ReadPartition, consistency, _partition);
        var rows = await (await SessionAsync(cancellationToken)).ExecuteAsync(statement, cancellationToken);
        int? version = null;
        var members = new List<Tuple<MembershipEntry, string>>();
        foreach (var row in rows)
        {
            version ??= row.Get<int?>("version");
            if (MembershipRow.Silo(row) is not { } silo || (only is not null && !silo.Equals(only)))
            {
                continue;
            }

            if (MembershipRow.Read(row, silo) is { } read)
            {
                members.Add(Tuple.Create(read.Entry, MembershipVersion.Etag(read.Etag)));
            }
            else
            {
                Log.GhostRowSkipped(_logger, _partition, silo.ToString());
            }
        }

        var tableVersion = version is { } v ? new TableVersion(v, MembershipVersion.Etag(v)) : MembershipVersion.Initial;
        return new MembershipTableData(members, tableVersion);
    }

    private async Task<LwtResult> ConditionalAsync(CqlStatement statement)
    {
        statement.SerialConsistency = MembershipConsistency.Paxos;
        statement.Consistency = MembershipConsistency.Agreed;
        return await (await SessionAsync(CancellationToken.None)).ExecuteConditionalAsync(statement);
    }

    /// <summary>
    /// A CAS timeout or a lost answer (the client says so), and also a write timeout of the commit
    /// phase, which comes after the proposal was accepted: both may or may not have been applied.
    /// </summary>
    private static bool IsUnknownOutcome(Exception e) => e is CqlLwtOutcomeUnknownException or CqlWriteTimeoutException;

    private async Task<BoundStatement> BindAsync(string cql, CqlConsistency consistency, params object?[] values)
    {
        var prepared = await (await SessionAsync(CancellationToken.None)).PrepareAsync(cql);
        var statement = prepared.Bind(values);
        statement.Consistency = consistency;
        return statement;
    }

    private async ValueTask<ICqlSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            return session;
        }

        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            if (_session is null)
            {
                var connected = await _connect(cancellationToken);
                Log.Connected(_logger, _options.Keyspace, _partition, connected.LocalDatacenter, connected.ProtocolVersion);
                _session = connected;
            }

            return _session;
        }
        finally
        {
            _connectGate.Release();
        }
    }
}
