namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>
/// A record set's routing policy. Route 53 lets record sets of one name and type coexist only when
/// they share one policy, and a simple record set only alone.
/// </summary>
internal enum RoutingKind
{
    Simple,
    Failover,
    Weighted,
    Multivalue,

    /// <summary>Latency, geolocation, geoproximity, IP-based: never written by us.</summary>
    Other,
}
