namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>Any other type (OPT, MX, ...): the RDATA octets as received.</summary>
internal sealed record RawData(byte[] Bytes) : DnsRecordData
{
    public bool Equals(RawData? other) => other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => Bytes.Length;

    public override string ToString() => $"\\# {Bytes.Length} {Convert.ToHexString(Bytes)}";
}
