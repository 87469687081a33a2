namespace ControlPlane.Core.Drains;

/// <summary>One drain of one endpoint, from the request to its restoration; kept in the endpoint's fenced state.</summary>
/// <param name="Id">Unique: <c>{endpointId}:{sequence}</c>; an undrain continues the same drain.</param>
/// <param name="Forced">The drain went past the disruption budget because it was forced.</param>
/// <param name="Origin">What asked for it: <c>api</c>, <c>evacuation:{id}</c> or <c>maintenance:{id}</c>.</param>
/// <param name="NotServedSince">When DNS was first seen no longer serving the endpoint (the apply or INSYNC time of that record set).</param>
public sealed record DrainRecord(
    string Id,
    string EndpointId,
    string ServiceId,
    DrainState State,
    string Reason,
    string RequestedBy,
    DateTimeOffset StartedAt,
    bool Forced = false,
    string Origin = "api",
    DateTimeOffset? NotServedSince = null,
    DateTimeOffset? DrainedAt = null,
    DateTimeOffset? UndrainStartedAt = null,
    string? UndrainedBy = null,
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>True while the endpoint is out of the desired record set (draining or drained).</summary>
    public bool KeepsOutOfDns => State is DrainState.Draining or DrainState.Drained;

    /// <summary>True once nothing more will happen to this drain.</summary>
    public bool Finished => State is DrainState.Restored or DrainState.Cancelled;
}
