namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>A resource record; in an UPDATE also a prerequisite or an update operation (RFC 2136 2.4, 2.5).</summary>
internal sealed record DnsRecord(string Name, DnsType Type, DnsClass Class, uint Ttl, DnsRecordData Data)
{
    public override string ToString() => $"{Name} {Ttl} {Class} {Type} {Data}";
}
