namespace ControlPlane.Grains.Endpoint;

/// <summary>Who drained an endpoint, when and why.</summary>
public sealed record DrainInfo(string Actor, string Reason, DateTimeOffset At);
