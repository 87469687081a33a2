using ControlPlane.Core.Failover;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Datacenter;

/// <summary>A datacenter's aggregate health across the endpoints that run in it. Key: datacenter id.</summary>
[Alias("controlplane.datacenter")]
public interface IDatacenterGrain : IControlPlaneGrain
{
    [OneWay]
    Task ReportEndpointAsync(string endpointId, EndpointStatus status);

    [AlwaysInterleave]
    Task<DatacenterSnapshot> GetSnapshotAsync();
}
