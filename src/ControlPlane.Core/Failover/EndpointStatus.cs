using ControlPlane.Core.Model;

namespace ControlPlane.Core.Failover;

/// <summary>What the failover policy needs to know about an endpoint.</summary>
public readonly record struct EndpointStatus(EndpointHealth Health, bool Drained)
{
    /// <summary>Unknown counts as healthy: a new endpoint is published until quorum says otherwise.</summary>
    public bool Serving => !Drained && Health != EndpointHealth.Unhealthy;
}
