using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Sql = ControlPlane.Clustering.Sqlite.SqliteMembershipSql;

namespace ControlPlane.Clustering.Sqlite;

/// <summary>The Orleans membership table on one SQLite file, for several silo processes on one machine.</summary>
/// <remarks>
/// Same rules as the Cassandra table: one version per cluster key (<c>{ServiceId}-{ClusterId}</c>),
/// every insert or update checks the version etag, writes the row with the next version as its etag
/// and bumps the version, all inside one <c>BEGIN IMMEDIATE</c> transaction, so of two writers at the
/// same version (threads, instances or processes) exactly one wins. IAmAlive changes one column only.
/// </remarks>
internal sealed partial class SqliteMembershipTable : IMembershipTable
{
    private readonly SqliteMembershipDatabase _db;
    private readonly ILogger _logger;
    private readonly string _serviceId;
    private readonly string _key;

    public SqliteMembershipTable(SqliteMembershipOptions options, IOptions<ClusterOptions> cluster, ILoggerFactory loggerFactory)
    {
        options.ThrowIfInvalid();
        _serviceId = Required(cluster.Value.ServiceId, nameof(ClusterOptions.ServiceId));
        _key = ClusterKey.Of(_serviceId, Required(cluster.Value.ClusterId, nameof(ClusterOptions.ClusterId)));
        _db = new SqliteMembershipDatabase(options);
        _logger = loggerFactory.CreateLogger<SqliteMembershipTable>();
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) =>
        _db.WriteAsync(async (c, t) =>
        {
            await c.Run(Sql.CreateSchema, t);
            if (tryInitTableVersion)
            {
                await c.Run(Sql.InitVersion, t, ("$key", _key));
            }

            Log.Initialized(_logger, _key);
            return true;
        }, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => _db.ReadAsync((c, t) => ReadAsync(c, t, null), CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => _db.ReadAsync((c, t) => ReadAsync(c, t, key), CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        !MembershipVersion.TryParse(tableVersion.VersionEtag, out var expected) ? Task.FromResult(false) : _db.WriteAsync(async (c, t) =>
        {
            if (await VersionAsync(c, t) != expected || await c.Exists(Sql.RowExists, t, Key(entry.SiloAddress)))
            {
                return false;
            }

            await c.Run(Sql.InsertRow, t, [.. Key(entry.SiloAddress), .. Values(entry, tableVersion.Version)]);
            await c.Run(Sql.SetVersion, t, ("$key", _key), ("$version", tableVersion.Version));
            return true;
        }, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        !MembershipVersion.TryParse(tableVersion.VersionEtag, out var expected) || !MembershipVersion.TryParse(etag, out var rowEtag)
            ? Task.FromResult(false)
            : _db.WriteAsync(async (c, t) =>
            {
                if (await VersionAsync(c, t) != expected
                    || await c.Run(Sql.UpdateRow, t, [.. Key(entry.SiloAddress), .. Values(entry, tableVersion.Version), ("$etag", rowEtag)]) != 1)
                {
                    return false;
                }

                await c.Run(Sql.SetVersion, t, ("$key", _key), ("$version", tableVersion.Version));
                return true;
            }, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) =>
        _db.WriteAsync((c, t) => c.Run(Sql.IAmAlive, t, [.. Key(entry.SiloAddress), ("$i_am_alive_time", MembershipEntryContent.Milliseconds(entry.IAmAliveTime))]),
            CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) =>
        _db.WriteAsync((c, t) => c.Run(Sql.DeleteCluster, t, ("$key", ClusterKey.Of(_serviceId, clusterId))), CancellationToken.None);

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var deleted = await _db.WriteAsync(
            (c, t) => c.Run(Sql.DeleteDefunct, t, ("$key", _key), ("$before", beforeDate.ToUnixTimeMilliseconds())), CancellationToken.None);
        if (deleted > 0)
        {
            Log.DefunctDeleted(_logger, deleted, _key, beforeDate);
        }
    }

    private async Task<int?> VersionAsync(SqliteConnection c, SqliteTransaction t) =>
        await c.Scalar(Sql.ReadVersion, t, ("$key", _key)) is long version ? (int)version : null;

    private (string, object?)[] Key(SiloAddress silo) =>
        [("$key", _key), ("$address", silo.Endpoint.Address.ToString()), ("$port", silo.Endpoint.Port), ("$generation", silo.Generation)];

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"ClusterOptions.{name}: required by the membership table.") : value;
}
