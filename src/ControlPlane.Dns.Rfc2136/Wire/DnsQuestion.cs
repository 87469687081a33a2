namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>An entry of the question section; in an UPDATE, the zone section (ZNAME, ZTYPE=SOA, ZCLASS).</summary>
internal sealed record DnsQuestion(string Name, DnsType Type, DnsClass Class = DnsClass.IN);
