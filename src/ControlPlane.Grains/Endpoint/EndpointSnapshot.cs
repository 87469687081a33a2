using ControlPlane.Core.Drains;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Grains.Endpoint;

/// <summary>An endpoint's health and the evidence for it, for the API and status page; <c>Silo</c> is the silo hosting the grain.</summary>
[GenerateSerializer, Alias("controlplane.endpoint-snapshot")]
public sealed record EndpointSnapshot(
    string EndpointId,
    string ServiceId,
    EndpointHealth Health,
    DateTimeOffset? HealthSince,
    bool QuorumAlert,
    bool Damped,
    DrainRecord? Drain,
    QuorumOutcome? Quorum,
    string Silo,
    MuteInfo? Mute = null)
{
    /// <summary>True while the endpoint is kept out of DNS by a drain (draining or drained).</summary>
    public bool Drained => Drain?.KeepsOutOfDns == true;
}
