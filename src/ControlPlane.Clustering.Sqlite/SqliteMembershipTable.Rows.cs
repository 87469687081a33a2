using System.Net;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Clustering.Sqlite;

/// <summary>Reading and writing member rows.</summary>
internal sealed partial class SqliteMembershipTable
{
    private async Task<MembershipTableData> ReadAsync(SqliteConnection c, SqliteTransaction t, SiloAddress? only)
    {
        var version = await VersionAsync(c, t);
        using var select = only is null
            ? c.Command(SqliteMembershipSql.ReadRows, t, ("$key", _key))
            : c.Command(SqliteMembershipSql.ReadRow, t, Key(only));
        await using var reader = await select.ExecuteReaderAsync();
        var members = new List<Tuple<MembershipEntry, string>>();
        while (await reader.ReadAsync())
        {
            var entry = new MembershipEntry
            {
                SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1)), reader.GetInt32(2)),
                Status = (SiloStatus)reader.GetInt32(4),
                SiloName = reader.IsDBNull(5) ? null! : reader.GetString(5),
                HostName = reader.IsDBNull(6) ? null! : reader.GetString(6),
                ProxyPort = reader.GetInt32(7),
                SuspectTimes = SuspectTimesText.Read(reader.IsDBNull(8) ? null : reader.GetString(8)),
                StartTime = DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(9)),
                IAmAliveTime = DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(10)),
            };
            members.Add(Tuple.Create(entry, MembershipVersion.Etag(reader.GetInt32(3))));
        }

        return new MembershipTableData(members, version is { } v ? new TableVersion(v, MembershipVersion.Etag(v)) : MembershipVersion.Initial);
    }

    private static (string, object?)[] Values(MembershipEntry entry, int version) =>
    [
        ("$version", version),
        ("$status", (int)entry.Status),
        ("$silo_name", entry.SiloName),
        ("$host_name", entry.HostName),
        ("$proxy_port", entry.ProxyPort),
        ("$suspect_times", SuspectTimesText.Write(entry.SuspectTimes)),
        ("$start_time", MembershipEntryContent.Milliseconds(entry.StartTime)),
        ("$i_am_alive_time", MembershipEntryContent.Milliseconds(entry.IAmAliveTime)),
    ];
}
