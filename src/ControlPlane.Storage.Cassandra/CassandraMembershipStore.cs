using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>The membership table: one partition for the cluster, a row per silo id.</summary>
/// <remarks>
/// Registration and death are lightweight transactions on the partition; registration bumps the
/// static <c>version</c> (Orleans' table version) so a decision taken on a snapshot of the table is
/// applied only if nothing changed meanwhile. Heartbeats are plain QUORUM writes of
/// <c>heartbeats[generation]</c>, a cell no Paxos round ever writes (mixing both on one cell would
/// order them by unrelated clocks); the Paxos-written <c>registered_heartbeat_at</c> holds the
/// heartbeat given at registration, and a silo's heartbeat is the later of the two. Declaring a
/// silo dead is conditional on the heartbeat value the caller saw, so a silo whose heartbeat reached
/// a quorum before the declaration is never killed. After its write a heartbeat reads the row back:
/// a silo that was declared dead or replaced learns it from that read.
/// </remarks>
internal sealed class CassandraMembershipStore : IMembershipStore
{
    private const string Partition = "members";
    private const string Active = nameof(SiloStatus.Active);
    private const int MaxAttempts = 30;
    private static readonly int HeartbeatTtlSeconds = (int)TimeSpan.FromDays(1).TotalSeconds;

    private readonly CassandraContext _db;
    private readonly string _selectAll;
    private readonly string _selectOne;
    private readonly string _insert;
    private readonly string _bumpVersion;
    private readonly string _bootstrap;
    private readonly string _heartbeat;
    private readonly string _deadIfHeartbeat;
    private readonly string _deadIfRegistered;

    public CassandraMembershipStore(CassandraContext db)
    {
        _db = db;
        var silos = $"{db.Keyspace}.silos";
        const string columns = "silo_id, generation, region, datacenter, address, status, started_at, registered_heartbeat_at, heartbeats";
        _selectAll = $"SELECT version, {columns} FROM {silos} WHERE cluster = ?";
        _selectOne = $"SELECT {columns} FROM {silos} WHERE cluster = ? AND silo_id = ?";
        _insert = $"INSERT INTO {silos} (cluster, silo_id, generation, region, datacenter, address, status, started_at, registered_heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        _bumpVersion = $"UPDATE {silos} SET version = ? WHERE cluster = ? IF version = ?";
        _bootstrap = $"INSERT INTO {silos} (cluster, version) VALUES (?, 0) IF NOT EXISTS";
        _heartbeat = $"UPDATE {silos} USING TTL ? SET heartbeats[?] = ? WHERE cluster = ? AND silo_id = ?";
        _deadIfHeartbeat = $"UPDATE {silos} SET status = 'Dead' WHERE cluster = ? AND silo_id = ? IF generation = ? AND status = 'Active' AND heartbeats[?] = ?";
        _deadIfRegistered = $"UPDATE {silos} SET status = 'Dead' WHERE cluster = ? AND silo_id = ? IF generation = ? AND status = 'Active' AND heartbeats[?] = null AND registered_heartbeat_at = ?";
    }

    /// <summary>Creates the partition with its version, once (Orleans' bootstrap row).</summary>
    public async Task BootstrapAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _db.ConditionalAsync(await _db.BindAsync(_bootstrap, StoreConsistency.Agreed, cancellationToken, Partition), cancellationToken);
        }
        catch (CqlLwtOutcomeUnknownException)
        {
            // Either it was created, or the next registration creates it.
        }
    }

    public async Task<SiloEntry?> RegisterAsync(SiloEntry entry, TimeSpan liveFor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (version, rows) = await ReadPartitionAsync(StoreConsistency.Paxos, cancellationToken);
            if (version is null)
            {
                await BootstrapAsync(cancellationToken);
                continue;
            }

            var existing = rows.FirstOrDefault(s => s.SiloId == entry.SiloId);
            if (existing is not null && existing.Generation != entry.Generation && existing.Status == SiloStatus.Active
                && existing.Address != entry.Address && entry.HeartbeatAt - existing.HeartbeatAt < liveFor)
            {
                return existing;
            }

            var batch = new BatchStatement()
                .Add(await _db.BindAsync(_insert, StoreConsistency.Agreed, cancellationToken,
                    Partition, entry.SiloId, entry.Generation, entry.Region, entry.Datacenter, entry.Address.ToString(), entry.Status.ToString(), entry.StartedAt, entry.HeartbeatAt))
                .Add(await _db.BindAsync(_bumpVersion, StoreConsistency.Agreed, cancellationToken, version.Value + 1, Partition, version.Value));
            try
            {
                if ((await _db.ConditionalAsync(batch, cancellationToken)).Applied)
                {
                    return null;
                }
            }
            catch (CqlLwtOutcomeUnknownException)
            {
                // A SERIAL read completes or supersedes the round in flight; then the row says whether it happened.
                var (_, now) = await ReadPartitionAsync(StoreConsistency.Paxos, cancellationToken);
                if (now.FirstOrDefault(s => s.SiloId == entry.SiloId)?.Generation == entry.Generation)
                {
                    return null;
                }
            }

            await CassandraContext.BackoffAsync(attempt, cancellationToken);
        }

        throw new InvalidOperationException($"silo {entry.SiloId}: registration kept losing to concurrent membership changes ({MaxAttempts} attempts)");
    }

    public async Task<bool> HeartbeatAsync(string siloId, long generation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Write first, then read: once the read says Active, any later declaration sees this heartbeat.
        await _db.WriteAsync(_heartbeat, StoreConsistency.Agreed, cancellationToken, HeartbeatTtlSeconds, generation, at, Partition, siloId);
        var row = (await _db.ReadAsync(_selectOne, StoreConsistency.Agreed, cancellationToken, Partition, siloId)).FirstOrDefault();
        return row is not null && row.Get<long?>("generation") == generation && row.Get<string?>("status") == Active;
    }

    public async Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        (await ReadPartitionAsync(StoreConsistency.Agreed, cancellationToken)).Silos;

    public async Task<bool> DeclareDeadAsync(string siloId, long generation, DateTimeOffset lastSeenHeartbeat, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _db.ConditionalAsync(
                await _db.BindAsync(_deadIfHeartbeat, StoreConsistency.Agreed, cancellationToken, Partition, siloId, generation, generation, lastSeenHeartbeat), cancellationToken);
            if (result.Applied)
            {
                return true;
            }

            // Never heartbeated since registration: the heartbeat seen was the registration's.
            var current = result.Current;
            if (current is null || current.Get<long?>("generation") != generation || current.Get<string?>("status") != Active
                || current.Get<Dictionary<long, DateTimeOffset>>("heartbeats").ContainsKey(generation))
            {
                return false;
            }

            return (await _db.ConditionalAsync(
                await _db.BindAsync(_deadIfRegistered, StoreConsistency.Agreed, cancellationToken, Partition, siloId, generation, generation, lastSeenHeartbeat), cancellationToken)).Applied;
        }
        catch (CqlLwtOutcomeUnknownException)
        {
            var row = (await _db.ReadAsync(_selectOne, StoreConsistency.Paxos, cancellationToken, Partition, siloId)).FirstOrDefault();
            return row is not null && row.Get<long?>("generation") == generation && row.Get<string?>("status") == nameof(SiloStatus.Dead);
        }
    }

    private async Task<(long? Version, IReadOnlyList<SiloEntry> Silos)> ReadPartitionAsync(CqlConsistency consistency, CancellationToken cancellationToken)
    {
        var rows = await _db.ReadAsync(_selectAll, consistency, cancellationToken, Partition);
        long? version = null;
        var silos = new List<SiloEntry>();
        foreach (var row in rows)
        {
            version ??= row.Get<long?>("version");
            if (Read(row) is { } silo)
            {
                silos.Add(silo);
            }
        }

        return (version, silos);
    }

    // Rows without a generation are heartbeat cells of a replaced or never registered silo id: not members.
    private static SiloEntry? Read(Row row)
    {
        if (row.Get<string?>("silo_id") is not { } id || row.Get<long?>("generation") is not { } generation || row.Get<string?>("status") is not { } status)
        {
            return null;
        }

        var registered = row.Get<DateTimeOffset>("registered_heartbeat_at");
        var heartbeat = row.Get<Dictionary<long, DateTimeOffset>>("heartbeats").TryGetValue(generation, out var beat) && beat > registered ? beat : registered;
        return new SiloEntry(id, generation, row.Get<string>("region"), row.Get<string>("datacenter"), new Uri(row.Get<string>("address")),
            Enum.Parse<SiloStatus>(status), row.Get<DateTimeOffset>("started_at"), heartbeat);
    }
}
