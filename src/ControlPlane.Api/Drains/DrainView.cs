using ControlPlane.Core.Drains;

namespace ControlPlane.Api.Drains;

/// <summary>A drain as the API shows it (<c>GET /api/v1/drains/{id}</c>).</summary>
public sealed record DrainView(
    string Id,
    string Endpoint,
    string Service,
    DrainState State,
    string Reason,
    string RequestedBy,
    DateTimeOffset StartedAt,
    bool Forced,
    string Origin,
    DateTimeOffset? NotServedSince,
    DateTimeOffset? DrainedAt,
    DateTimeOffset? UndrainStartedAt,
    string? UndrainedBy,
    DateTimeOffset? FinishedAt)
{
    public static DrainView Of(DrainRecord d) =>
        new(d.Id, d.EndpointId, d.ServiceId, d.State, d.Reason, d.RequestedBy, d.StartedAt, d.Forced, d.Origin, d.NotServedSince, d.DrainedAt,
            d.UndrainStartedAt, d.UndrainedBy, d.FinishedAt);
}

/// <summary>Body of drain, undrain and evacuate. <c>actor</c> names who asks until API keys do (default <c>api</c>).</summary>
public sealed record DrainBody(string? Reason, bool? Force, string? Actor);
