namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>Resource record types this client reads and writes (RFC 1035 3.2.2, RFC 3596, RFC 8945).</summary>
internal enum DnsType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    TXT = 16,
    AAAA = 28,
    TSIG = 250,

    /// <summary>QTYPE <c>*</c>: every type; in an UPDATE, "every rrset at the name".</summary>
    ANY = 255,
}
