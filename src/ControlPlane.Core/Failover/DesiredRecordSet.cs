using ControlPlane.Core.Model;

namespace ControlPlane.Core.Failover;

/// <summary>What a service's DNS record should hold now, and why.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Name">Fully qualified record name with the trailing dot.</param>
/// <param name="Ttl">TTL in seconds.</param>
/// <param name="Policy">The routing policy that produced it; providers that model policies (Route 53) use it.</param>
/// <param name="Targets">Never empty. Ordered by priority, then endpoint id.</param>
/// <param name="FailOpenReason">Set when nothing was healthy and every eligible endpoint was kept.</param>
public sealed record DesiredRecordSet(
    string ServiceId,
    string Name,
    int Ttl,
    RoutingPolicy Policy,
    IReadOnlyList<DnsTarget> Targets,
    string? FailOpenReason)
{
    public bool FailedOpen => FailOpenReason is not null;

    /// <summary>True when both would put the same answers in DNS (same name, TTL, addresses and weights).</summary>
    public bool SameRecordsAs(DesiredRecordSet? other) =>
        other is not null
        && other.Name == Name
        && other.Ttl == Ttl
        && other.Policy == Policy
        && other.Targets.Count == Targets.Count
        && other.Targets.Zip(Targets).All(p => p.First.EndpointId == p.Second.EndpointId
                                              && p.First.Address.Equals(p.Second.Address)
                                              && (Policy != RoutingPolicy.Weighted || p.First.Weight == p.Second.Weight));

    public override string ToString() =>
        $"{Name} {Ttl} [{string.Join(", ", Targets.Select(t => Policy == RoutingPolicy.Weighted ? $"{t.Address} w{t.Weight}" : t.Address.ToString()))}]" +
        (FailedOpen ? $" (fail open: {FailOpenReason})" : string.Empty);
}
