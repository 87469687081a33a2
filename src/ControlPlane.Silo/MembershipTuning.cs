using Orleans.Configuration;

namespace ControlPlane.Silo;

/// <summary>Failure detection tuned so that a crashed silo is declared dead, and its grains run elsewhere, within 10 s.</summary>
/// <remarks>
/// Each silo probes its peers every <see cref="ProbeTimeout"/>; a peer that misses
/// <see cref="MissedProbes"/> probes in a row is suspected, and two suspicions (or one, in a
/// two-silo cluster) declare it dead in the membership table (a conditional write on the table
/// version). A process killed on a live host refuses connections at once, so detection takes about
/// MissedProbes x ProbeTimeout = 4 s plus the vote; a host that silently drops packets adds up to one
/// probe timeout per missed probe. Faster settings exist (1 s probes detect in under 2 s) but a silo
/// starved of CPU for a few seconds would then be declared dead while healthy, and a dead silo stops:
/// we would lose capacity exactly when it is scarce. Orleans' local health monitor also stops a
/// degraded silo from voting. Indirect probes (asking a third silo to probe a suspect) are off: with
/// them a frozen silo (SIGSTOP, a hung host) was declared dead only by its stale IAmAlive row after
/// about 19 s, because each indirect probe timed out with the same timeout as the probe it relayed and
/// counted as inconclusive. The connection liveness check is off too: it suppresses every vote while
/// the suspect sent any message within MaxProbeTimeout x MissedProbes (40 s with the default 20 s),
/// which kept a frozen silo alive on paper for that long. Overload is handled on our side instead
/// (probes wait in the silo's admission queue, see ProbeAdmission), and MaxProbeTimeout bounds how far
/// Orleans stretches the probe timeout while this silo's own health is degraded. The table is re-read every <see cref="TableRefresh"/> as a safety net
/// (changes are also gossiped at once).
/// </remarks>
internal static class MembershipTuning
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int MissedProbes = 2;
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(5);

    public static void Apply(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = ProbeTimeout;
        o.NumMissedProbesLimit = MissedProbes;
        o.NumVotesForDeathDeclaration = 2;
        o.EnableIndirectProbes = false;
        o.EnableConnectionLivenessCheck = false;
        o.MaxProbeTimeout = TimeSpan.FromSeconds(5);
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
        o.TableRefreshTimeout = TableRefresh;
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
        o.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
        o.DefunctSiloExpiration = TimeSpan.FromHours(1);
    }
}
