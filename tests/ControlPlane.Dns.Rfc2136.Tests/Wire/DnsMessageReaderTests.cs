using System.Net;
using ControlPlane.Dns.Rfc2136.Tests.Support;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tests.Wire;

public class DnsMessageReaderTests
{
    [Fact]
    public void Reads_binds_answer_with_a_compressed_owner_name_and_edns()
    {
        var message = DnsMessageReader.Read(CapturedExchanges.Bytes(CapturedExchanges.QueryResponse), out var lastOffset);

        Assert.True(message.IsResponse);
        Assert.True(message.Authoritative);
        Assert.Equal(DnsRcode.NoError, message.Rcode);
        var answer = Assert.Single(message.Answers);
        Assert.Equal("app.example.test.", answer.Name);
        Assert.Equal(30u, answer.Ttl);
        Assert.Equal(new AddressData(IPAddress.Parse("192.0.2.2")), answer.Data);
        Assert.Equal((DnsType)41, message.Additionals[0].Type); // OPT, kept as raw data
        Assert.Equal("cp-key.", message.Tsig!.Name);
        Assert.True(lastOffset > 0);
    }

    [Fact]
    public void Reads_nsupdates_update_whose_prerequisite_and_updates_use_pointers()
    {
        var message = DnsMessageReader.Read(CapturedExchanges.Bytes(CapturedExchanges.UpdateRequest));

        Assert.Equal(DnsOpcode.Update, message.Opcode);
        Assert.Equal(new DnsQuestion("example.test.", DnsType.SOA), Assert.Single(message.Zone));
        Assert.Equal(new DnsRecord("app.example.test.", DnsType.A, DnsClass.IN, 0, new AddressData(IPAddress.Parse("192.0.2.1"))), Assert.Single(message.Prerequisites));
        Assert.Equal(
            [
                new DnsRecord("app.example.test.", DnsType.A, DnsClass.ANY, 0, EmptyData.Instance),
                new DnsRecord("app.example.test.", DnsType.A, DnsClass.IN, 30, new AddressData(IPAddress.Parse("192.0.2.2"))),
            ],
            message.Updates);
    }

    [Fact]
    public void Follows_a_pointer_to_a_name_that_itself_ends_in_a_pointer()
    {
        // Header, then question "example.com." at 12, then an answer "www" -> ptr 12 at 29,
        // then a CNAME whose data is "a" -> ptr 29 (www.example.com.).
        var bytes = new List<byte> { 0, 1, 0x80, 0, 0, 1, 0, 2, 0, 0, 0, 0 };
        bytes.AddRange([7, .. "example"u8, 3, .. "com"u8, 0, 0, 1, 0, 1]);
        var wwwAt = bytes.Count;
        bytes.AddRange([3, .. "www"u8, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
        bytes.AddRange([0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 4, 1, (byte)'a', 0xC0, (byte)wwwAt]);

        var message = DnsMessageReader.Read(bytes.ToArray());

        Assert.Equal("www.example.com.", message.Answers[0].Name);
        Assert.Equal("example.com.", message.Answers[1].Name);
        Assert.Equal(new DomainNameData("a.www.example.com."), message.Answers[1].Data);
    }

    [Fact]
    public void Rejects_a_pointer_loop()
    {
        // Question name at 12 is a pointer to itself.
        byte[] bytes = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];

        var e = Assert.Throws<DnsFormatException>(() => DnsMessageReader.Read(bytes));
        Assert.Contains("points forward or into itself", e.Message);
    }

    [Fact]
    public void Rejects_a_forward_pointer()
    {
        byte[] bytes = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 18, 0, 1, 0, 1, 0];

        Assert.Throws<DnsFormatException>(() => DnsMessageReader.Read(bytes));
    }

    [Theory]
    [InlineData("0001")] // shorter than a header
    [InlineData("000100000001000000000000076578616d706c")] // name cut short
    [InlineData("0001800000000001000000000000010001000000000008c0000201")] // RDLENGTH 8 past the end
    [InlineData("0001800000000001000000000000010001000000000003c00002")] // A with 3 octets
    [InlineData("00010000000000000000000000")] // a stray octet after the last record
    public void Rejects_malformed_messages_with_a_format_exception(string hex)
    {
        Assert.Throws<DnsFormatException>(() => DnsMessageReader.Read(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Reads_the_tsig_error_of_binds_unsigned_badsig_answer()
    {
        var message = DnsMessageReader.Read(CapturedExchanges.Bytes(CapturedExchanges.BadSigResponse));

        Assert.Equal(DnsRcode.NotAuth, message.Rcode);
        Assert.Equal(DnsRcode.BadSig, message.EffectiveRcode);
        Assert.Empty(((TsigData)message.Tsig!.Data).Mac);
        Assert.Equal("BADSIG", message.EffectiveRcode.ToMnemonic());
    }
}
