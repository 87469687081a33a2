namespace ControlPlane.Grains.Datacenter;

/// <summary>Where a datacenter evacuation is.</summary>
public enum EvacuationState
{
    /// <summary>Its endpoints' drains are in progress.</summary>
    Evacuating,

    /// <summary>Every drain it started is drained.</summary>
    Evacuated,

    /// <summary>Its endpoints were undrained; waiting for each to be restored.</summary>
    Restoring,

    /// <summary>Every endpoint it drained is restored.</summary>
    Restored,
}

/// <summary>One evacuation of a datacenter: the drains it started (or that the budget refused).</summary>
/// <param name="Id"><c>{datacenter}:{sequence}</c>.</param>
[GenerateSerializer, Alias("controlplane.evacuation")]
public sealed record Evacuation(
    string Id,
    string Datacenter,
    EvacuationState State,
    string Reason,
    string RequestedBy,
    bool Force,
    DateTimeOffset StartedAt,
    IReadOnlyList<EvacuatedEndpoint> Drains,
    DateTimeOffset? EvacuatedAt = null,
    DateTimeOffset? RestoreStartedAt = null,
    DateTimeOffset? RestoredAt = null);

/// <summary>An endpoint of an evacuation: its drain and that drain's state, or why the budget refused it.</summary>
[GenerateSerializer, Alias("controlplane.evacuated-endpoint")]
public sealed record EvacuatedEndpoint(string Endpoint, string Service, string? DrainId, string? DrainState, string? Refused);
