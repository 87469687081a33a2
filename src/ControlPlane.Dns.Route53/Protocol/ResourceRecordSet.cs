using System.Net;
using System.Xml.Linq;

namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>A Route 53 <c>ResourceRecordSet</c>, with every field a DELETE must echo back.</summary>
/// <remarks>
/// We write simple, failover, weighted and multivalue sets. Sets of other policies can still be read
/// and deleted: their policy elements (<c>GeoLocation</c>, <c>CidrRoutingConfig</c>,
/// <c>GeoProximityLocation</c>) are kept as XML in <see cref="OtherElements"/> and written back as read.
/// </remarks>
internal sealed record ResourceRecordSet
{
    /// <summary>Fully qualified, with the trailing dot, as Route 53 returns it (special characters octal-escaped).</summary>
    public required string Name { get; init; }

    /// <summary><c>A</c>, <c>AAAA</c>, ...</summary>
    public required string Type { get; init; }

    public string? SetIdentifier { get; init; }

    public long? Weight { get; init; }

    /// <summary>Latency-routing region.</summary>
    public string? Region { get; init; }

    public FailoverRole? Failover { get; init; }

    public bool? MultiValueAnswer { get; init; }

    public long? Ttl { get; init; }

    /// <summary>The <c>ResourceRecord/Value</c> elements, in order.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    public AliasTarget? AliasTarget { get; init; }

    public string? HealthCheckId { get; init; }

    public string? TrafficPolicyInstanceId { get; init; }

    /// <summary>Policy elements we do not model, keyed by element name.</summary>
    public IReadOnlyDictionary<string, XElement> OtherElements { get; init; } = new Dictionary<string, XElement>();

    public RoutingKind Kind =>
        Failover is not null ? RoutingKind.Failover
        : Weight is not null ? RoutingKind.Weighted
        : MultiValueAnswer == true ? RoutingKind.Multivalue
        : SetIdentifier is null ? RoutingKind.Simple
        : RoutingKind.Other;

    /// <summary>Identity within a zone: name, type and set identifier.</summary>
    public RecordSetKey Key => new(Route53Name.Canonical(Name), Type.ToUpperInvariant(), SetIdentifier);

    /// <summary>
    /// True when both would serve the same answers with the same routing: TTL, routing fields and the
    /// values as a set (addresses compared parsed, so <c>2001:DB8::1</c> equals <c>2001:db8::1</c>).
    /// </summary>
    public bool SameContentAs(ResourceRecordSet other) =>
        Key == other.Key
        && Ttl == other.Ttl
        && Weight == other.Weight
        && Region == other.Region
        && Failover == other.Failover
        && (MultiValueAnswer ?? false) == (other.MultiValueAnswer ?? false)
        && AliasTarget == other.AliasTarget
        && HealthCheckId == other.HealthCheckId
        && TrafficPolicyInstanceId == other.TrafficPolicyInstanceId
        && OtherElements.Count == 0 && other.OtherElements.Count == 0
        && NormalizedValues().SetEquals(other.NormalizedValues());

    private HashSet<string> NormalizedValues() =>
        Values.Select(v => IPAddress.TryParse(v, out var address) ? address.ToString() : v).ToHashSet(StringComparer.Ordinal);

    public override string ToString()
    {
        var routing = Kind switch
        {
            RoutingKind.Failover => $" {SetIdentifier} {Failover?.ToString().ToUpperInvariant()}",
            RoutingKind.Weighted => $" {SetIdentifier} weight {Weight}",
            RoutingKind.Multivalue => $" {SetIdentifier} multivalue",
            RoutingKind.Other => $" {SetIdentifier}",
            _ => string.Empty,
        };
        var data = AliasTarget is not null ? $"alias {AliasTarget.DnsName}" : $"[{string.Join(", ", Values)}]";
        return $"{Type} {Name}{routing} ttl {Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {data}";
    }
}
