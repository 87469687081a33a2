namespace ControlPlane.Core.Model;

/// <summary>An endpoint's health as decided by quorum across regions.</summary>
public enum EndpointHealth
{
    /// <summary>No quorum has been reached yet (a new endpoint). Treated as healthy for DNS: fail open.</summary>
    Unknown,
    Healthy,
    Unhealthy,
}
