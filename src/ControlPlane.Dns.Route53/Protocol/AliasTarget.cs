namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>An alias record's target; we never write one, but must echo it to delete one.</summary>
internal sealed record AliasTarget(string HostedZoneId, string DnsName, bool EvaluateTargetHealth);
