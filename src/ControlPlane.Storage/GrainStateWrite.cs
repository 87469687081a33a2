using ControlPlane.Core.Model;

namespace ControlPlane.Storage;

/// <summary>
/// One conditional write: the new state, the ETag the writer last read (null: no state may exist yet), and the
/// decisions and DNS changes recorded by the same atomic write (ids are deterministic: a replay never records them twice).
/// </summary>
public sealed record GrainStateWrite(GrainKey Grain, string StateJson, string? ExpectedETag, IReadOnlyList<Decision> Decisions, IReadOnlyList<DnsChange> DnsChanges);
