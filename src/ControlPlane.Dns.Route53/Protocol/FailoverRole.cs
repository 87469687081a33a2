namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>The <c>Failover</c> element of a failover record set.</summary>
internal enum FailoverRole
{
    Primary,
    Secondary,
}
