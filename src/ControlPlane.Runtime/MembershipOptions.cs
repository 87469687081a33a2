namespace ControlPlane.Runtime;

/// <summary>Timing of membership.</summary>
public sealed record MembershipOptions
{
    /// <summary>How often a silo writes its heartbeat and re-reads the table. Default 1 s.</summary>
    public TimeSpan HeartbeatEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is not live, and is declared dead. Default 4 s.</summary>
    public TimeSpan DeadAfter { get; init; } = TimeSpan.FromSeconds(4);
}
