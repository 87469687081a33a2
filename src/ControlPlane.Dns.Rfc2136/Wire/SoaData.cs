namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>SOA (RFC 1035 3.3.13).</summary>
internal sealed record SoaData(string PrimaryServer, string Mailbox, uint Serial, uint Refresh, uint Retry, uint Expire, uint Minimum)
    : DnsRecordData
{
    public override string ToString() => $"{PrimaryServer} {Mailbox} {Serial} {Refresh} {Retry} {Expire} {Minimum}";
}
