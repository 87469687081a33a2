using ControlPlane.Cql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>The Orleans membership table on Apache Cassandra, through our own CQL client.</summary>
/// <remarks>
/// One partition per cluster (<c>{ServiceId}-{ClusterId}</c>) holds every member row and the table
/// version as a static column, so a read of the partition returns rows and version together, and every
/// insert or update is one lightweight transaction <c>IF version = v</c> that writes the row and sets
/// version v+1 in the same Paxos round: of two silos writing at version v, exactly one wins. An insert
/// also requires the row to be absent (<c>status = null</c>), an update requires the row's etag (the
/// version that last wrote it). Paxos runs at SERIAL and commits at QUORUM; reads are at QUORUM
/// (<see cref="MembershipConsistency"/>). When the outcome of a round is unknown (a CAS timeout, a lost
/// answer), the partition is re-read at SERIAL, which completes or supersedes the round in flight: the
/// answer is true only if our row is stored with our version and content. IAmAlive is a plain write of
/// one cell. See docs/membership-tables.md.
/// </remarks>
internal sealed partial class CassandraMembershipTable : IMembershipTable, IAsyncDisposable
{
    private readonly CassandraMembershipOptions _options;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, Task<ICqlSession>> _connect;
    private readonly MembershipCql _cql;
    private readonly string _serviceId;
    private readonly string _partition;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private ICqlSession? _session;

    public CassandraMembershipTable(CassandraMembershipOptions options, IOptions<ClusterOptions> cluster, ILoggerFactory loggerFactory,
        Func<CancellationToken, Task<ICqlSession>>? connect = null)
    {
        options.ThrowIfInvalid();
        _serviceId = Required(cluster.Value.ServiceId, nameof(ClusterOptions.ServiceId));
        _options = options;
        _logger = loggerFactory.CreateLogger<CassandraMembershipTable>();
        _connect = connect ?? (ct => CassandraMembershipSession.ConnectAsync(options, loggerFactory, ct));
        _cql = new MembershipCql(options.Keyspace);
        _partition = ClusterKey.Of(_serviceId, Required(cluster.Value.ClusterId, nameof(ClusterOptions.ClusterId)));
    }

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        var session = await SessionAsync(CancellationToken.None);
        await new MembershipSchema(session, _options, _logger).EnsureAsync(CancellationToken.None);
        if (!tryInitTableVersion)
        {
            return;
        }

        // IF NOT EXISTS: whoever comes first creates version 0, the others find it. An unknown outcome
        // is settled by a SERIAL read (which completes a round in flight) and the insert is tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConditionalAsync(await BindAsync(_cql.InitVersion, MembershipConsistency.Agreed, _partition));
                return;
            }
            catch (Exception e) when (IsUnknownOutcome(e) && attempt < 5)
            {
                await ReadAsync(MembershipConsistency.Paxos, null, CancellationToken.None);
            }
            catch (CqlInvalidQueryException e) when (e.Message.Contains("unconfigured", StringComparison.OrdinalIgnoreCase) && attempt < 60)
            {
                // The table was just created by another silo and has not reached this coordinator yet.
                await session.WaitForSchemaAgreementAsync(CancellationToken.None);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public Task<MembershipTableData> ReadAll() => ReadAsync(MembershipConsistency.Agreed, null, CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(MembershipConsistency.Agreed, key, CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        MembershipVersion.TryParse(tableVersion.VersionEtag, out var expected)
            ? WriteAsync("insert", _cql.Insert, entry, tableVersion.Version, expected)
            : Task.FromResult(false);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        MembershipVersion.TryParse(tableVersion.VersionEtag, out var expected) && MembershipVersion.TryParse(etag, out var rowEtag)
            ? WriteAsync("update", _cql.Update, entry, tableVersion.Version, expected, rowEtag)
            : Task.FromResult(false);

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        var statement = await BindAsync(_cql.IAmAlive, MembershipConsistency.IAmAlive,
            [MembershipRow.Timestamp(entry.IAmAliveTime), _partition, .. MembershipRow.Key(entry.SiloAddress)]);
        statement.IsIdempotent = true;
        await (await SessionAsync(CancellationToken.None)).ExecuteAsync(statement);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        var statement = await BindAsync(_cql.DeletePartition, MembershipConsistency.Agreed, ClusterKey.Of(_serviceId, clusterId));
        statement.IsIdempotent = true;
        await (await SessionAsync(CancellationToken.None)).ExecuteAsync(statement);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var session = await SessionAsync(CancellationToken.None);
        var defunct = (await ReadAll()).Members
            .Select(m => m.Item1)
            .Where(e => e.Status != SiloStatus.Active && MembershipRow.Timestamp(e.IAmAliveTime) < beforeDate)
            .ToList();
        foreach (var entry in defunct)
        {
            var statement = await BindAsync(_cql.DeleteRow, MembershipConsistency.Agreed, [_partition, .. MembershipRow.Key(entry.SiloAddress)]);
            statement.IsIdempotent = true;
            await session.ExecuteAsync(statement);
        }

        if (defunct.Count > 0)
        {
            Log.DefunctDeleted(_logger, defunct.Count, _partition, beforeDate);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }

        _connectGate.Dispose();
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"ClusterOptions.{name}: required by the membership table.") : value;
}
