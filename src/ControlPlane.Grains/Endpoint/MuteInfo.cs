namespace ControlPlane.Grains.Endpoint;

/// <summary>A <c>mute</c> maintenance window covering the endpoint: decisions taken meanwhile are marked muted.</summary>
[GenerateSerializer, Alias("controlplane.mute-info")]
public sealed record MuteInfo(string WindowId, string Reason, DateTimeOffset Since);
