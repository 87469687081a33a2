namespace ControlPlane.Storage;

/// <summary>A silo's life-cycle state in the membership table.</summary>
public enum SiloStatus
{
    Active,

    /// <summary>Terminal: left cleanly, or declared dead by a peer. A silo that reads itself Dead stops acting.</summary>
    Dead,
}

/// <summary>One silo in the membership table. Identity is id + generation: a restarted process is a new generation.</summary>
/// <param name="Address">Where the silo's API (and grain calls) listen.</param>
public sealed record SiloEntry(
    string SiloId,
    long Generation,
    string Region,
    string Datacenter,
    Uri Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt);
