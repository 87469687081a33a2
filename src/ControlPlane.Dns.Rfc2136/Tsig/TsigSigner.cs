using System.Buffers.Binary;
using System.Security.Cryptography;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tsig;

/// <summary>Signs requests and verifies responses with one TSIG key (RFC 8945).</summary>
/// <remarks>
/// The MAC covers, in order: for a response only, the request's MAC preceded by its 2-octet
/// length; the message as sent without its TSIG record (ARCOUNT one lower, the original id);
/// then the TSIG variables: key name and algorithm name in canonical form (lower case,
/// uncompressed), class ANY, TTL 0, time signed (48 bits), fudge, error, other length, other
/// data (RFC 8945 4.3). A response is accepted only when it is signed by the same key with the
/// same algorithm, its MAC matches in constant time, and its time signed is within the fudge of
/// our clock (except in a BADTIME answer, which carries the server's time).
/// </remarks>
internal sealed class TsigSigner
{
    /// <summary>Seconds of clock difference allowed either way; 300 as RFC 8945 10 recommends.</summary>
    public const ushort DefaultFudge = 300;

    private readonly TimeProvider _time;
    private readonly ushort _fudge;

    public TsigSigner(TsigKey key, TimeProvider time, ushort fudge = DefaultFudge)
    {
        Key = key;
        _time = time;
        _fudge = fudge;
    }

    public TsigKey Key { get; }

    /// <summary>Serializes <paramref name="message"/> (which must not carry a TSIG record yet) and appends a TSIG record.</summary>
    public SignedRequest Sign(DnsMessage message)
    {
        var unsigned = DnsMessageWriter.Write(message);
        var variables = new TsigData(Key.Algorithm.Name, (ulong)_time.GetUtcNow().ToUnixTimeSeconds(), _fudge, [], message.Id, DnsRcode.NoError, []);
        var mac = ComputeMac(Key, unsigned, variables, priorMac: null);
        var record = new DnsRecord(Key.Name, DnsType.TSIG, DnsClass.ANY, 0, variables with { Mac = mac });
        return new SignedRequest(DnsMessageWriter.AppendAdditional(unsigned, record), mac);
    }

    /// <summary>Checks the TSIG record of a response to a request signed with <paramref name="requestMac"/>.</summary>
    /// <param name="wire">The response as received.</param>
    /// <param name="response">The response parsed from <paramref name="wire"/>.</param>
    /// <param name="tsigOffset">Where its last additional record (the TSIG record) starts in <paramref name="wire"/>.</param>
    /// <param name="requestMac">The MAC of the request it answers.</param>
    public TsigVerification Verify(ReadOnlySpan<byte> wire, DnsMessage response, int tsigOffset, byte[] requestMac)
    {
        if (response.Tsig is not { Data: TsigData tsig } record)
        {
            return TsigVerification.Fail($"the response ({response.Rcode.ToMnemonic()}) is not signed");
        }

        if (!DnsName.Equal(record.Name, Key.Name))
        {
            return TsigVerification.Fail($"the response is signed with key {record.Name}, not {Key.Name}");
        }

        if (!DnsName.Equal(tsig.Algorithm, Key.Algorithm.Name))
        {
            return TsigVerification.Fail($"the response is signed with {tsig.Algorithm}, not {Key.Algorithm.Name}");
        }

        if (tsig.Mac.Length == 0)
        {
            return tsig.Error is DnsRcode.BadSig or DnsRcode.BadKey
                ? new TsigVerification(TsigVerificationStatus.UnsignedError, tsig.Error, null)
                : TsigVerification.Fail($"the response's TSIG record has no MAC (error {tsig.Error.ToMnemonic()})");
        }

        // RFC 8945 5.2.2.1: a MAC may be truncated, but never below 10 octets or half the hash.
        if (tsig.Mac.Length > Key.Algorithm.MacLength || tsig.Mac.Length < Math.Max(10, Key.Algorithm.MacLength / 2))
        {
            return TsigVerification.Fail($"the response's MAC has {tsig.Mac.Length} octets");
        }

        var unsigned = wire[..tsigOffset].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(unsigned, tsig.OriginalId);
        BinaryPrimitives.WriteUInt16BigEndian(unsigned.AsSpan(10), (ushort)(response.Additionals.Count - 1));
        var expected = ComputeMac(Key, unsigned, tsig, requestMac);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, tsig.Mac.Length), tsig.Mac))
        {
            return TsigVerification.Fail("the response's MAC does not match (wrong key, or the message was altered)");
        }

        // A BADTIME answer is signed with the server's clock, which is the very thing that differs from ours.
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = Math.Abs(now - (long)tsig.TimeSigned);
        if (skew > tsig.Fudge && tsig.Error != DnsRcode.BadTime)
        {
            return TsigVerification.Fail($"the response was signed {skew} s away from our clock (fudge {tsig.Fudge} s)");
        }

        return new TsigVerification(TsigVerificationStatus.Verified, tsig.Error, null);
    }

    /// <summary>The MAC over a message without its TSIG record and the TSIG variables of <paramref name="variables"/>.</summary>
    /// <param name="priorMac">For a response, the request's MAC; null for a request.</param>
    public static byte[] ComputeMac(TsigKey key, ReadOnlySpan<byte> unsignedMessage, TsigData variables, byte[]? priorMac)
    {
        var digest = new DnsMessageWriter(compress: false);
        if (priorMac is not null)
        {
            digest.WriteUInt16(checked((ushort)priorMac.Length));
            digest.WriteBytes(priorMac);
        }

        digest.WriteBytes(unsignedMessage);
        digest.WriteCanonicalName(key.Name);
        digest.WriteUInt16((ushort)DnsClass.ANY);
        digest.WriteUInt32(0);
        digest.WriteCanonicalName(variables.Algorithm);
        digest.WriteUInt48(variables.TimeSigned);
        digest.WriteUInt16(variables.Fudge);
        digest.WriteUInt16((ushort)variables.Error);
        digest.WriteUInt16(checked((ushort)variables.OtherData.Length));
        digest.WriteBytes(variables.OtherData);
        return key.ComputeMac(digest.ToArray());
    }
}
