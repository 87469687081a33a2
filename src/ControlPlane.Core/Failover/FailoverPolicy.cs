using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Core.Failover;

/// <summary>Turns endpoint health and drains into the record set a service should publish.</summary>
/// <remarks>
/// <para><b>failover</b>: the lowest priority tier that has a serving endpoint is published, whole.</para>
/// <para><b>multivalue</b>: every serving endpoint, at most <see cref="MaxMultivalueAnswers"/>.</para>
/// <para><b>weighted</b>: every serving endpoint with its weight.</para>
/// Drained endpoints leave DNS as if they had failed. Fail open: when no endpoint is serving,
/// every non-drained endpoint is published (Route 53 does the same), and if every endpoint is
/// drained, all of them are; the result is never empty. Targets are ordered by priority then
/// endpoint id so equal inputs give equal record sets.
/// </remarks>
public static class FailoverPolicy
{
    /// <summary>Route 53 answers with at most 8 healthy multivalue records.</summary>
    public const int MaxMultivalueAnswers = 8;

    public static DesiredRecordSet Compute(ServiceDefinition service, IReadOnlyDictionary<string, EndpointStatus> statuses)
    {
        if (service.Endpoints.Count == 0)
        {
            throw new ArgumentException($"service '{service.Id}' has no endpoints", nameof(service));
        }

        // Endpoints sharing an address are one record (a set with the same A record twice is invalid in
        // Route 53 and meaningless elsewhere); weighted keeps them, each its own weighted record.
        var ordered = service.Endpoints.OrderBy(e => e.Priority).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var serving = ordered.Where(e => StatusOf(e).Serving).ToList();
        string? failOpen = null;
        List<EndpointDefinition> chosen;
        if (serving.Count > 0)
        {
            chosen = service.Policy switch
            {
                RoutingPolicy.Failover => serving.Where(e => e.Priority == serving[0].Priority).ToList(),
                RoutingPolicy.Multivalue => serving.DistinctBy(e => e.Address).Take(MaxMultivalueAnswers).ToList(),
                RoutingPolicy.Weighted => serving,
                _ => throw new ArgumentOutOfRangeException(nameof(service), service.Policy, "unknown routing policy"),
            };
        }
        else
        {
            var undrained = ordered.Where(e => !StatusOf(e).Drained).ToList();
            failOpen = undrained.Count > 0
                ? "no endpoint is healthy: publishing every non-drained endpoint"
                : "every endpoint is drained: publishing all of them rather than an empty record set";
            chosen = undrained.Count > 0 ? undrained : ordered;
            if (service.Policy == RoutingPolicy.Multivalue)
            {
                chosen = chosen.DistinctBy(e => e.Address).Take(MaxMultivalueAnswers).ToList();
            }
        }

        if (service.Policy != RoutingPolicy.Weighted)
        {
            chosen = chosen.DistinctBy(e => e.Address).ToList();
        }

        var targets = chosen.Select(e => new DnsTarget(e.Id, e.Address, e.Weight, e.Priority)).ToList();
        return new DesiredRecordSet(service.Id, service.Dns.Name, service.Dns.Ttl, service.Policy, targets, failOpen);

        EndpointStatus StatusOf(EndpointDefinition e) =>
            statuses.TryGetValue(e.Id, out var s) ? s : new EndpointStatus(EndpointHealth.Unknown, Drained: false);
    }
}
