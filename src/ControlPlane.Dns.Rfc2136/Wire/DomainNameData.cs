namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>NS and CNAME: one domain name.</summary>
internal sealed record DomainNameData(string Name) : DnsRecordData
{
    public override string ToString() => Name;
}
