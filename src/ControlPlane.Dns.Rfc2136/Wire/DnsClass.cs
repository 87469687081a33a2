namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>Record classes, including the two that RFC 2136 gives a meaning in prerequisites and updates.</summary>
internal enum DnsClass : ushort
{
    IN = 1,

    /// <summary>RFC 2136: "RRset does not exist" (prerequisite) or "delete this RR" (update).</summary>
    NONE = 254,

    /// <summary>RFC 2136: "RRset exists" (prerequisite) or "delete this rrset" (update); also the TSIG class.</summary>
    ANY = 255,
}
