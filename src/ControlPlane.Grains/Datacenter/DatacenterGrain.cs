using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Runtime;

namespace ControlPlane.Grains.Datacenter;

/// <summary>Keeps the status of every endpoint in one datacenter; derived state, rebuilt from endpoint reports after activation.</summary>
internal sealed class DatacenterGrain : Grain, IDatacenterGrain
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
            Id.Key,
            statuses.Count,
            statuses.Count(s => s.Health == EndpointHealth.Healthy),
            statuses.Count(s => s.Health == EndpointHealth.Unhealthy),
            statuses.Count(s => s.Health == EndpointHealth.Unknown),
            statuses.Count(s => s.Drained)));
    }
}
