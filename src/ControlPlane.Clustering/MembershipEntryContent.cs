using Orleans;

namespace ControlPlane.Clustering;

/// <summary>Compares what a membership write stores, to learn after an unknown outcome whether our write is the one stored.</summary>
internal static class MembershipEntryContent
{
    /// <summary>
    /// True when both entries describe the same silo with the same status, ports, names, start time and
    /// suspect votes (times compared at the millisecond, the precision of the stores). IAmAliveTime is
    /// left out: a plain IAmAlive write may have replaced it since.
    /// </summary>
    public static bool Same(MembershipEntry a, MembershipEntry b) =>
        a.SiloAddress.Equals(b.SiloAddress)
        && a.Status == b.Status
        && a.ProxyPort == b.ProxyPort
        && a.HostName == b.HostName
        && a.SiloName == b.SiloName
        && Milliseconds(a.StartTime) == Milliseconds(b.StartTime)
        && SuspectTimesText.Write(Truncated(a)) == SuspectTimesText.Write(Truncated(b));

    /// <summary>Unix milliseconds of a UTC time, the precision both stores keep.</summary>
    public static long Milliseconds(DateTime time) => new DateTimeOffset(SuspectTimesText.Utc(time)).ToUnixTimeMilliseconds();

    private static List<Tuple<Orleans.Runtime.SiloAddress, DateTime>>? Truncated(MembershipEntry entry) =>
        entry.SuspectTimes?.Select(v => Tuple.Create(v.Item1, DateTime.UnixEpoch.AddMilliseconds(Milliseconds(v.Item2)))).ToList();
}
