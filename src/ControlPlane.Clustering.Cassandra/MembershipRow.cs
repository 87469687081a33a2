using System.Net;
using ControlPlane.Cql;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Clustering.Cassandra;

/// <summary>Converts between a <see cref="MembershipEntry"/> and the columns of its row.</summary>
internal static class MembershipRow
{
    /// <summary>The SET values of an insert or update, in <see cref="MembershipCql"/>'s order, for version <paramref name="version"/>.</summary>
    public static object?[] Values(MembershipEntry entry, int version) =>
    [
        version,
        version,
        (int)entry.Status,
        entry.SiloName,
        entry.HostName,
        entry.ProxyPort,
        SuspectTimesText.Write(entry.SuspectTimes),
        Timestamp(entry.StartTime),
        Timestamp(entry.IAmAliveTime),
    ];

    /// <summary>The row key of a silo: address, port, generation.</summary>
    public static object?[] Key(SiloAddress silo) => [silo.Endpoint.Address.ToString(), silo.Endpoint.Port, silo.Generation];

    /// <summary>The silo of a row (every row of a partition has one; the static-only row has a null address).</summary>
    public static SiloAddress? Silo(Row row) =>
        row.Get<string?>("address") is { } address
            ? SiloAddress.New(new IPEndPoint(IPAddress.Parse(address), row.Get<int>("port")), row.Get<int>("generation"))
            : null;

    /// <summary>The entry and its etag, or null when the row has no status (a ghost left by an IAmAlive write).</summary>
    public static (MembershipEntry Entry, int Etag)? Read(Row row, SiloAddress silo)
    {
        if (row.IsNull("status"))
        {
            return null;
        }

        var entry = new MembershipEntry
        {
            SiloAddress = silo,
            Status = (SiloStatus)row.Get<int>("status"),
            SiloName = row.Get<string?>("silo_name")!,
            HostName = row.Get<string?>("host_name")!,
            ProxyPort = row.Get<int?>("proxy_port") ?? 0,
            SuspectTimes = SuspectTimesText.Read(row.Get<string?>("suspect_times")),
            StartTime = row.Get<DateTimeOffset?>("start_time")?.UtcDateTime ?? default,
            IAmAliveTime = row.Get<DateTimeOffset?>("i_am_alive_time")?.UtcDateTime ?? default,
        };
        return (entry, row.Get<int?>("etag") ?? 0);
    }

    public static DateTimeOffset Timestamp(DateTime time) => new(SuspectTimesText.Utc(time));
}
