using ControlPlane.Core.Failover;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Service;

/// <summary>Turns endpoint health and drains into the service's DNS record set and drives the DNS provider. Key: service id.</summary>
[Alias("controlplane.service")]
public interface IServiceGrain : IControlPlaneGrain
{
    /// <summary>An endpoint's current status (one-way); the DNS change, if any, follows in a later turn.</summary>
    [OneWay]
    Task ReportEndpointAsync(string endpointId, EndpointStatus status);

    [AlwaysInterleave]
    Task<ServiceSnapshot> GetSnapshotAsync();
}
