using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Grains.Service;

/// <summary>A service's desired and published record set, for the API and status page; <c>Silo</c> is the silo hosting the grain.</summary>
[GenerateSerializer, Alias("controlplane.service-snapshot")]
public sealed record ServiceSnapshot(
    string ServiceId,
    DesiredRecordSet? Desired,
    List<string> Published,
    DnsChange? Pending,
    string? LastError,
    Dictionary<string, EndpointStatus> Endpoints,
    string Silo);
