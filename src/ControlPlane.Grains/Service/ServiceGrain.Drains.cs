using ControlPlane.Core.Drains;
using ControlPlane.Core.Failover;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Endpoint;

namespace ControlPlane.Grains.Service;

/// <summary>The service grain's part in drains: the disruption budget, and what DNS serves.</summary>
/// <remarks>
/// Every drain goes through the service grain because it alone knows every endpoint's status and
/// runs one request at a time: it checks the budget, has the endpoint grain start the drain (or
/// record the refusal), and marks the endpoint drained in its own state before the turn ends, so a
/// second drain request, queued behind the first, already counts it. Two concurrent drains can
/// therefore never both pass the budget. A request waits while a DNS change is being applied.
/// </remarks>
internal sealed partial class ServiceGrain
{
    public async Task<DrainAdmission> RequestDrainAsync(string endpointId, DrainRequest request)
    {
        if (Lookup() is not { } found || found.Service.Endpoints.All(e => e.Id != endpointId))
        {
            throw new ArgumentException($"endpoint '{endpointId}' is not an endpoint of service '{ServiceId}'", nameof(endpointId));
        }

        var service = found.Service;
        var endpoint = GrainFactory.GetGrain<IEndpointGrain>(endpointId);
        var verdict = BudgetCheck.Evaluate(service.MaxUnavailable, service.Endpoints.Select(e => e.Id).ToList(), State.Endpoints, endpointId);
        if (State.Endpoints.TryGetValue(endpointId, out var current) && current.Drained)
        {
            return new DrainAdmission(await endpoint.BeginDrainAsync(request, verdict with { Allowed = true }), verdict, null);
        }

        if (!verdict.Allowed && !request.Force)
        {
            await endpoint.RecordRefusalAsync(request, verdict);
            LogDrainRefused(logger, ServiceId, endpointId, verdict.Reason);
            return new DrainAdmission(null, verdict, verdict.Reason);
        }

        var drain = await endpoint.BeginDrainAsync(request, verdict);
        State.Endpoints[endpointId] = current with { Drained = true }; // counted by the next request at once
        _statusesDirty = true;
        ScheduleReconcile(TimeSpan.Zero);
        return new DrainAdmission(drain, verdict, null);
    }

    public Task<DnsServing> GetDnsServingAsync(string endpointId)
    {
        var address = Lookup()?.Service.Endpoints.FirstOrDefault(e => e.Id == endpointId)?.Address.ToString();
        var served = address is not null && State.Published.Any(p => BareAddress(p) == address);
        return Task.FromResult(new DnsServing(served, State.PublishedAt, State.PublishedConfirmed));
    }
}
