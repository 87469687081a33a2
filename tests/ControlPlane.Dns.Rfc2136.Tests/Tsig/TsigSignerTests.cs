using System.Net;
using ControlPlane.Dns.Rfc2136.Tests.Support;
using ControlPlane.Dns.Rfc2136.Tsig;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tests.Tsig;

public class TsigSignerTests
{
    private static readonly TsigKey CapturedKey = new(CapturedExchanges.KeyName, TsigAlgorithm.HmacSha256, Convert.FromBase64String(CapturedExchanges.Secret));

    /// <summary>The update nsupdate sent, rebuilt by hand.</summary>
    private static DnsMessage NsupdatesMessage() => new()
    {
        Id = 0x8d58,
        Opcode = DnsOpcode.Update,
        Questions = [new DnsQuestion("example.test.", DnsType.SOA)],
        Answers = [new DnsRecord("app.example.test.", DnsType.A, DnsClass.IN, 0, new AddressData(IPAddress.Parse("192.0.2.1")))],
        Authorities =
        [
            new DnsRecord("app.example.test.", DnsType.A, DnsClass.ANY, 0, EmptyData.Instance),
            new DnsRecord("app.example.test.", DnsType.A, DnsClass.IN, 30, new AddressData(IPAddress.Parse("192.0.2.2"))),
        ],
    };

    [Fact]
    public void Signing_the_update_nsupdate_sent_reproduces_its_bytes_and_mac()
    {
        var signer = new TsigSigner(CapturedKey, FixedTimeProvider.AtUnixSeconds(1795226150));

        var signed = signer.Sign(NsupdatesMessage());

        Assert.Equal(CapturedExchanges.UpdateRequest, Convert.ToHexStringLower(signed.Wire));
        Assert.Equal("e68bb6ca141d00e56a1157d1db0884a3341075c37e9cc5939f7e19b1c0b1c842", Convert.ToHexStringLower(signed.Mac));
    }

    [Fact]
    public void The_mac_of_digs_signed_query_with_edns_is_the_one_dig_computed()
    {
        var wire = CapturedExchanges.Bytes(CapturedExchanges.QueryRequest);
        var message = DnsMessageReader.Read(wire, out var tsigOffset);
        var tsig = (TsigData)message.Tsig!.Data;
        var unsigned = wire[..tsigOffset];
        unsigned[11]--; // ARCOUNT without the TSIG record

        var mac = TsigSigner.ComputeMac(CapturedKey, unsigned, tsig, priorMac: null);

        Assert.Equal(tsig.Mac, mac);
    }

    [Theory]
    [InlineData(CapturedExchanges.UpdateRequest, CapturedExchanges.UpdateResponse, 1795226150)]
    [InlineData(CapturedExchanges.QueryRequest, CapturedExchanges.QueryResponse, 1795226151)]
    public void Binds_signed_responses_verify_against_the_request_mac(string requestHex, string responseHex, long now)
    {
        var requestMac = ((TsigData)DnsMessageReader.Read(CapturedExchanges.Bytes(requestHex)).Tsig!.Data).Mac;
        var wire = CapturedExchanges.Bytes(responseHex);
        var response = DnsMessageReader.Read(wire, out var tsigOffset);
        var signer = new TsigSigner(CapturedKey, FixedTimeProvider.AtUnixSeconds(now + 100));

        var verification = signer.Verify(wire, response, tsigOffset, requestMac);

        Assert.Equal(TsigVerificationStatus.Verified, verification.Status);
    }

    [Fact]
    public void A_response_with_one_altered_octet_fails_verification()
    {
        var requestMac = ((TsigData)DnsMessageReader.Read(CapturedExchanges.Bytes(CapturedExchanges.QueryRequest)).Tsig!.Data).Mac;
        var wire = CapturedExchanges.Bytes(CapturedExchanges.QueryResponse);
        wire[49] ^= 1; // the last octet of the answer's address: 192.0.2.2 -> 192.0.2.3
        var response = DnsMessageReader.Read(wire, out var tsigOffset);
        Assert.Equal(IPAddress.Parse("192.0.2.3"), ((AddressData)response.Answers[0].Data).Address);
        var signer = new TsigSigner(CapturedKey, FixedTimeProvider.AtUnixSeconds(1795226151));

        var verification = signer.Verify(wire, response, tsigOffset, requestMac);

        Assert.Equal(TsigVerificationStatus.Failed, verification.Status);
        Assert.Contains("MAC does not match", verification.Problem);
    }

    [Fact]
    public void A_response_signed_outside_the_fudge_fails_verification()
    {
        var requestMac = ((TsigData)DnsMessageReader.Read(CapturedExchanges.Bytes(CapturedExchanges.UpdateRequest)).Tsig!.Data).Mac;
        var wire = CapturedExchanges.Bytes(CapturedExchanges.UpdateResponse);
        var response = DnsMessageReader.Read(wire, out var tsigOffset);
        var signer = new TsigSigner(CapturedKey, FixedTimeProvider.AtUnixSeconds(1795226150 + 301));

        var verification = signer.Verify(wire, response, tsigOffset, requestMac);

        Assert.Equal(TsigVerificationStatus.Failed, verification.Status);
        Assert.Contains("301 s away from our clock", verification.Problem);
    }

    [Fact]
    public void A_response_verified_against_another_requests_mac_fails()
    {
        var wire = CapturedExchanges.Bytes(CapturedExchanges.UpdateResponse);
        var response = DnsMessageReader.Read(wire, out var tsigOffset);
        var signer = new TsigSigner(CapturedKey, FixedTimeProvider.AtUnixSeconds(1795226150));

        var verification = signer.Verify(wire, response, tsigOffset, new byte[32]);

        Assert.Equal(TsigVerificationStatus.Failed, verification.Status);
    }

    [Theory]
    [InlineData(CapturedExchanges.BadSigResponse, "cp-key.", "BADSIG")]
    [InlineData(CapturedExchanges.BadKeyResponse, "other-key.", "BADKEY")]
    public void Binds_unsigned_badsig_and_badkey_answers_are_recognised_as_such(string responseHex, string keyName, string error)
    {
        var wire = CapturedExchanges.Bytes(responseHex);
        var response = DnsMessageReader.Read(wire, out var tsigOffset);
        var key = new TsigKey(keyName, TsigAlgorithm.HmacSha256, [1, 2, 3]);
        var signer = new TsigSigner(key, FixedTimeProvider.AtUnixSeconds(1795226154));

        var verification = signer.Verify(wire, response, tsigOffset, new byte[32]);

        Assert.Equal(TsigVerificationStatus.UnsignedError, verification.Status);
        Assert.Equal(error, verification.Error.ToMnemonic());
    }

    [Fact]
    public void An_unsigned_response_fails_verification()
    {
        var response = new DnsMessage { Id = 1, IsResponse = true, Opcode = DnsOpcode.Update, Rcode = DnsRcode.Refused };
        var wire = DnsMessageWriter.Write(response);
        var signer = new TsigSigner(CapturedKey, TimeProvider.System);

        var verification = signer.Verify(wire, DnsMessageReader.Read(wire), -1, new byte[32]);

        Assert.Equal(TsigVerificationStatus.Failed, verification.Status);
        Assert.Contains("(REFUSED) is not signed", verification.Problem);
    }

    [Fact]
    public void Hmac_sha512_signatures_verify_with_the_same_key_and_not_with_another()
    {
        var key = new TsigKey("k512.", TsigAlgorithm.HmacSha512, Convert.FromBase64String("dGhpcyBpcyBhIDY0LWJ5dGUga2V5IGZvciBobWFjLXNoYTUxMiB0ZXN0cyEhISE="));
        var clock = FixedTimeProvider.AtUnixSeconds(1_800_000_000);
        var signed = new TsigSigner(key, clock).Sign(DnsMessage.Query(42, "app.example.test.", DnsType.A));
        var message = DnsMessageReader.Read(signed.Wire, out var offset);
        var tsig = (TsigData)message.Tsig!.Data;
        var unsigned = signed.Wire[..offset];
        unsigned[11]--;

        Assert.Equal("hmac-sha512.", tsig.Algorithm);
        Assert.Equal(64, tsig.Mac.Length);
        Assert.Equal(tsig.Mac, TsigSigner.ComputeMac(key, unsigned, tsig, null));
        var other = new TsigKey("k512.", TsigAlgorithm.HmacSha512, [1, 2, 3, 4]);
        Assert.NotEqual(tsig.Mac, TsigSigner.ComputeMac(other, unsigned, tsig, null));
    }
}
