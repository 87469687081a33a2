using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Placement;

namespace ControlPlane.Grains.Datacenter;

/// <summary>Keeps the status of every endpoint in one datacenter; derived state, rebuilt from endpoint reports (every endpoint republishes at least every 30 s).</summary>
[GrainType(GrainKinds.Datacenter), ControlPlanePlacement]
internal sealed class DatacenterGrain(LocalGrains local) : ControlPlaneGrain(local), IDatacenterGrain
{
    private readonly Dictionary<string, EndpointStatus> _endpoints = [];

    public Task ReportEndpointAsync(string endpointId, EndpointStatus status)
    {
        _endpoints[endpointId] = status;
        return Task.CompletedTask;
    }

    public Task<DatacenterSnapshot> GetSnapshotAsync()
    {
        var statuses = _endpoints.Values.ToList();
        return Task.FromResult(new DatacenterSnapshot(
            this.GetPrimaryKeyString(),
            statuses.Count,
            statuses.Count(s => s.Health == EndpointHealth.Healthy),
            statuses.Count(s => s.Health == EndpointHealth.Unhealthy),
            statuses.Count(s => s.Health == EndpointHealth.Unknown),
            statuses.Count(s => s.Drained)));
    }
}
