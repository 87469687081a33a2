using ControlPlane.Core.Model;

namespace ControlPlane.Storage;

/// <summary>
/// Everything one grain turn persists, written atomically under the owner's fence: the new state,
/// the decisions taken and the DNS changes made. Decisions and DNS changes have deterministic ids,
/// so replaying a commit never records them twice.
/// </summary>
public sealed record GrainCommit(
    GrainId Grain,
    string StateJson,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<DnsChange> DnsChanges)
{
    public static GrainCommit StateOnly(GrainId grain, string stateJson) => new(grain, stateJson, [], []);
}
