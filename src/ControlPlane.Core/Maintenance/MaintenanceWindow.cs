namespace ControlPlane.Core.Maintenance;

/// <summary>What a maintenance window does while it is open.</summary>
public enum MaintenanceMode
{
    /// <summary>Drains every endpoint of the target at the start and undrains them at the end.</summary>
    Drain,

    /// <summary>Only mutes alerts: decisions taken meanwhile carry <c>muted: true</c>; DNS is untouched.</summary>
    Mute,
}

/// <summary>What a maintenance window applies to.</summary>
public enum MaintenanceTargetKind
{
    Endpoint,
    Service,
    Datacenter,
}

/// <summary>Where a window is in its life.</summary>
public enum MaintenanceState
{
    Scheduled,
    Active,
    Ended,

    /// <summary>Deleted before it ended (a deleted active window ends its drains or mute at once).</summary>
    Cancelled,
}

/// <summary>A scheduled maintenance of an endpoint, a service or a datacenter.</summary>
/// <param name="Id">Unique, for example <c>mw-3</c>.</param>
/// <param name="Force">Drain mode: drain past the services' disruption budgets (an admin's choice).</param>
/// <param name="Endpoints">The endpoints the window acted on when it started.</param>
public sealed record MaintenanceWindow(
    string Id,
    MaintenanceTargetKind TargetKind,
    string TargetId,
    DateTimeOffset Start,
    DateTimeOffset End,
    MaintenanceMode Mode,
    string Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool Force = false,
    MaintenanceState State = MaintenanceState.Scheduled,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    IReadOnlyList<string>? Endpoints = null);
