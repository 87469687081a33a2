using ControlPlane.Core.Drains;
using ControlPlane.Core.Failover;
using ControlPlane.Grains.Drains;
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

    /// <summary>
    /// Drains <paramref name="endpointId"/> if the disruption budget allows it or the request is forced;
    /// otherwise records the refusal. One request at a time, so concurrent drains cannot both pass the budget.
    /// </summary>
    Task<DrainAdmission> RequestDrainAsync(string endpointId, DrainRequest request);

    /// <summary>Whether the published record set serves the endpoint, and since when that set is live.</summary>
    [AlwaysInterleave]
    Task<DnsServing> GetDnsServingAsync(string endpointId);
}
