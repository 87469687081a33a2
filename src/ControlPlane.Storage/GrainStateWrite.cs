using ControlPlane.Core.Model;

namespace ControlPlane.Storage;

/// <summary>
/// One conditional write of a grain's state: the new state, the ETag the writer last read (null: no
/// state may exist yet), and the decisions and DNS changes recorded by the same atomic write. Decisions
/// and DNS changes have deterministic ids, so a replayed write never records them twice.
/// </summary>
public sealed record GrainStateWrite(
    GrainKey Grain,
    string StateJson,
    string? ExpectedETag,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<DnsChange> DnsChanges);
