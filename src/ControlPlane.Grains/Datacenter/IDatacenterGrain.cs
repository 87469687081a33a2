using ControlPlane.Core.Failover;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Datacenter;

/// <summary>A datacenter's aggregate health across the endpoints that run in it. Key: datacenter id.</summary>
public interface IDatacenterGrain : IGrain
{
    Task ReportEndpointAsync(string endpointId, EndpointStatus status);

    Task<DatacenterSnapshot> GetSnapshotAsync();
}
