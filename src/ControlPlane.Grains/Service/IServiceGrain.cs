using ControlPlane.Core.Failover;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Service;

/// <summary>Turns endpoint health and drains into the service's DNS record set and drives the DNS provider. Key: service id.</summary>
public interface IServiceGrain : IGrain
{
    /// <summary>An endpoint's current status; returns at once, the DNS change (if any) follows in the background.</summary>
    Task ReportEndpointAsync(string endpointId, EndpointStatus status);

    Task<ServiceSnapshot> GetSnapshotAsync();
}
