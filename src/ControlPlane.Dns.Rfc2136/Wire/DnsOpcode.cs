namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>The header's OPCODE (RFC 1035 4.1.1, RFC 2136 1.3).</summary>
internal enum DnsOpcode : byte
{
    Query = 0,
    Status = 2,
    Notify = 4,
    Update = 5,
}
