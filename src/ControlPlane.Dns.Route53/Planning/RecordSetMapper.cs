using System.Net.Sockets;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Planning;

/// <summary>Turns a desired record set into the Route 53 record sets that publish it.</summary>
/// <remarks>
/// <para><b>failover</b>, by default: one simple record set per address family holding every target.
/// With <c>failoverRecords</c>: one failover record set per family, set identifier
/// <see cref="PrimarySetIdentifier"/>, role PRIMARY, holding the targets. The control plane checks health
/// itself and attaches no Route 53 health check, so Route 53 would always answer the PRIMARY and never a
/// SECONDARY; none is written.</para>
/// <para><b>multivalue</b>: one record set per endpoint, set identifier = endpoint id, MultiValueAnswer.</para>
/// <para><b>weighted</b>: one record set per endpoint, set identifier = endpoint id, with its weight.</para>
/// Targets of both families give A and AAAA record sets.
/// </remarks>
internal static class RecordSetMapper
{
    public const string PrimarySetIdentifier = "primary";
    public const int MaxSetIdentifierLength = 128;
    public const int MaxWeight = 255;

    /// <exception cref="ArgumentException">A weight or set identifier Route 53 would refuse.</exception>
    public static IReadOnlyList<ResourceRecordSet> Map(DesiredRecordSet desired, bool failoverRecords)
    {
        var name = Route53Name.Qualify(desired.Name);
        return desired.Policy switch
        {
            RoutingPolicy.Failover => ByFamily(desired).Select(g => new ResourceRecordSet
            {
                Name = name,
                Type = g.Type,
                SetIdentifier = failoverRecords ? PrimarySetIdentifier : null,
                Failover = failoverRecords ? FailoverRole.Primary : null,
                Ttl = desired.Ttl,
                Values = g.Values,
            }).ToList(),
            RoutingPolicy.Multivalue => desired.Targets.Select(t => new ResourceRecordSet
            {
                Name = name,
                Type = t.RecordType,
                SetIdentifier = SetIdentifier(t),
                MultiValueAnswer = true,
                Ttl = desired.Ttl,
                Values = [t.Address.ToString()],
            }).ToList(),
            RoutingPolicy.Weighted => desired.Targets.Select(t => new ResourceRecordSet
            {
                Name = name,
                Type = t.RecordType,
                SetIdentifier = SetIdentifier(t),
                Weight = t.Weight is >= 0 and <= MaxWeight
                    ? t.Weight
                    : throw new ArgumentException($"endpoint '{t.EndpointId}': weight {t.Weight} is outside Route 53's 0..{MaxWeight}"),
                Ttl = desired.Ttl,
                Values = [t.Address.ToString()],
            }).ToList(),
            _ => throw new ArgumentException($"routing policy {desired.Policy} has no Route 53 mapping"),
        };
    }

    private static IEnumerable<(string Type, IReadOnlyList<string> Values)> ByFamily(DesiredRecordSet desired) =>
        desired.Targets
            .GroupBy(t => t.Address.AddressFamily == AddressFamily.InterNetworkV6 ? "AAAA" : "A")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Address.ToString()).Distinct(StringComparer.Ordinal).ToList()));

    private static string SetIdentifier(DnsTarget target) =>
        target.EndpointId.Length is > 0 and <= MaxSetIdentifierLength
            ? target.EndpointId
            : throw new ArgumentException($"endpoint id '{target.EndpointId}' cannot be a Route 53 set identifier (1..{MaxSetIdentifierLength} characters)");
}
