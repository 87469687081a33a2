namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>The RDATA of a TSIG record (RFC 8945 4.2).</summary>
/// <param name="Algorithm">Algorithm name, for example <c>hmac-sha256.</c>.</param>
/// <param name="TimeSigned">Seconds since 1970-01-01 UTC; 48 bits on the wire.</param>
/// <param name="Fudge">Permitted clock difference in seconds.</param>
/// <param name="Mac">The MAC; empty in unsigned error responses (BADSIG, BADKEY).</param>
/// <param name="OriginalId">The message id before any forwarder changed it.</param>
/// <param name="Error">NOERROR or a TSIG error (BADSIG, BADKEY, BADTIME, BADTRUNC).</param>
/// <param name="OtherData">Empty, or the server's time in a BADTIME response.</param>
internal sealed record TsigData(string Algorithm, ulong TimeSigned, ushort Fudge, byte[] Mac, ushort OriginalId, DnsRcode Error, byte[] OtherData)
    : DnsRecordData
{
    public const ulong MaxTimeSigned = (1UL << 48) - 1;

    public bool Equals(TsigData? other) =>
        other is not null
        && DnsName.Equal(Algorithm, other.Algorithm)
        && TimeSigned == other.TimeSigned
        && Fudge == other.Fudge
        && Mac.AsSpan().SequenceEqual(other.Mac)
        && OriginalId == other.OriginalId
        && Error == other.Error
        && OtherData.AsSpan().SequenceEqual(other.OtherData);

    public override int GetHashCode() => HashCode.Combine(TimeSigned, Fudge, OriginalId, Error);

    public override string ToString() =>
        $"{Algorithm} {TimeSigned} {Fudge} {Mac.Length} {Convert.ToBase64String(Mac)} {OriginalId} {Error.ToMnemonic()} {OtherData.Length}";
}
