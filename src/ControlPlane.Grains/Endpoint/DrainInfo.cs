namespace ControlPlane.Grains.Endpoint;

/// <summary>Who drained an endpoint, when and why.</summary>
[GenerateSerializer, Alias("controlplane.drain-info")]
public sealed record DrainInfo(string Actor, string Reason, DateTimeOffset At);
