using ControlPlane.Core.Failover;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Datacenter;

/// <summary>A datacenter's aggregate health across the endpoints that run in it, and its evacuations. Key: datacenter id.</summary>
[Alias("controlplane.datacenter")]
public interface IDatacenterGrain : IControlPlaneGrain
{
    [OneWay]
    Task ReportEndpointAsync(string endpointId, EndpointStatus status);

    [AlwaysInterleave]
    Task<DatacenterSnapshot> GetSnapshotAsync();

    /// <summary>Drains every endpoint in the datacenter (each through its service's budget unless forced); returns the evacuation in progress if there is one.</summary>
    Task<Evacuation> EvacuateAsync(string reason, string requestedBy, bool force);

    /// <summary>Undrains every endpoint the current evacuation drained; null when there is none to restore.</summary>
    Task<Evacuation?> RestoreAsync(string requestedBy);
}
