namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>RDLENGTH 0: the "value independent" prerequisites and the rrset deletions of RFC 2136.</summary>
internal sealed record EmptyData : DnsRecordData
{
    public static readonly EmptyData Instance = new();

    public override string ToString() => string.Empty;
}
