using System.Net;

namespace ControlPlane.Core.Definitions;

/// <summary>One address of a service, probed from every region and published in its DNS record.</summary>
/// <param name="Id">Unique across the cluster.</param>
/// <param name="Address">The IP address published in DNS and probed.</param>
/// <param name="Port">Port probed; null means the check's port or the scheme default.</param>
/// <param name="Datacenter">Datacenter id the endpoint runs in.</param>
/// <param name="Priority">Failover tier, 1 is preferred. Default 1.</param>
/// <param name="Weight">Weight for the weighted policy, 0..255. Default 100.</param>
/// <param name="CheckId">Overrides the service's check for this endpoint.</param>
/// <param name="HostName">Host header and TLS server name; default the service's DNS name.</param>
/// <param name="AllowLinkLocal">Allow probing a link-local or cloud metadata address. Default false.</param>
public sealed record EndpointDefinition(
    string Id,
    IPAddress Address,
    int? Port,
    string Datacenter,
    int Priority = 1,
    int Weight = 100,
    string? CheckId = null,
    string? HostName = null,
    bool AllowLinkLocal = false);
