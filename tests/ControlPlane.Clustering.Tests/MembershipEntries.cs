using System.Net;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Clustering.Tests;

/// <summary>Membership entries for the tests, with times at millisecond precision (what the stores keep).</summary>
internal static class MembershipEntries
{
    private static int s_generation = Environment.ProcessId * 1000;

    public static DateTime Now() => DateTime.UnixEpoch.AddMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static SiloAddress NewSilo(int port = 11111) =>
        SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), Interlocked.Increment(ref s_generation));

    public static MembershipEntry Entry(SiloAddress? silo = null, SiloStatus status = SiloStatus.Joining, DateTime? at = null)
    {
        silo ??= NewSilo();
        var time = at ?? Now();
        return new MembershipEntry
        {
            SiloAddress = silo,
            Status = status,
            ProxyPort = silo.Endpoint.Port + 1000,
            HostName = "host-" + silo.Generation,
            SiloName = "silo-" + silo.Generation,
            StartTime = time,
            IAmAliveTime = time,
            SuspectTimes = [],
        };
    }

    public static MembershipEntry Copy(MembershipEntry e) => new()
    {
        SiloAddress = e.SiloAddress,
        Status = e.Status,
        ProxyPort = e.ProxyPort,
        HostName = e.HostName,
        SiloName = e.SiloName,
        StartTime = e.StartTime,
        IAmAliveTime = e.IAmAliveTime,
        SuspectTimes = e.SuspectTimes is null ? [] : [.. e.SuspectTimes],
    };
}
