using System.Net;

namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>A (4 octets) or AAAA (16 octets).</summary>
internal sealed record AddressData(IPAddress Address) : DnsRecordData
{
    public override string ToString() => Address.ToString();
}
