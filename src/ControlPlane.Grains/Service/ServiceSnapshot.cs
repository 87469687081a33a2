using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Grains.Service;

/// <summary>A service's desired and published record set, for the API and status page.</summary>
public sealed record ServiceSnapshot(
    string ServiceId,
    DesiredRecordSet? Desired,
    IReadOnlyList<string> Published,
    DnsChange? Pending,
    string? LastError,
    IReadOnlyDictionary<string, EndpointStatus> Endpoints);
