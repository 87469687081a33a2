using System.Net;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tests.Wire;

public class DnsMessageRoundTripTests
{
    private static DnsMessage EveryType() => new()
    {
        Id = 0xBEEF,
        IsResponse = true,
        Opcode = DnsOpcode.Query,
        Authoritative = true,
        RecursionDesired = true,
        Rcode = DnsRcode.NXDomain,
        Questions = [new DnsQuestion("www.example.com.", DnsType.ANY)],
        Answers =
        [
            new DnsRecord("www.example.com.", DnsType.A, DnsClass.IN, 300, new AddressData(IPAddress.Parse("192.0.2.1"))),
            new DnsRecord("www.example.com.", DnsType.AAAA, DnsClass.IN, 300, new AddressData(IPAddress.Parse("2001:db8::1"))),
            new DnsRecord("www.example.com.", DnsType.TXT, DnsClass.IN, 60, new TxtData(["v=spf1 -all", "", "quote \" and \u00e9"])),
            new DnsRecord("alias.example.com.", DnsType.CNAME, DnsClass.IN, 60, new DomainNameData("www.example.com.")),
        ],
        Authorities =
        [
            new DnsRecord("example.com.", DnsType.SOA, DnsClass.IN, 3600, new SoaData("ns1.example.com.", "hostmaster.example.com.", 2026112101, 3600, 600, 86400, 60)),
            new DnsRecord("example.com.", DnsType.NS, DnsClass.IN, 3600, new DomainNameData("ns1.example.com.")),
        ],
        Additionals =
        [
            new DnsRecord("ns1.example.com.", (DnsType)99, DnsClass.IN, 1, new RawData([1, 2, 3])),
            new DnsRecord("key.", DnsType.TSIG, DnsClass.ANY, 0, new TsigData("hmac-sha256.", 1795226150, 300, [9, 8, 7], 0xBEEF, DnsRcode.NoError, [])),
        ],
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_message_with_every_supported_type_reads_back_equal(bool compress)
    {
        var message = EveryType();

        var read = DnsMessageReader.Read(DnsMessageWriter.Write(message, compress));

        Assert.Equal(message, read);
        Assert.Equal(DnsRcode.NXDomain, read.Rcode);
        Assert.Equal(["v=spf1 -all", "", "quote \" and \u00e9"], ((TxtData)read.Answers[2].Data).Strings);
    }

    [Fact]
    public void Compression_shortens_the_message_and_points_at_earlier_names()
    {
        var compressed = DnsMessageWriter.Write(EveryType(), compress: true);
        var plain = DnsMessageWriter.Write(EveryType(), compress: false);

        Assert.True(compressed.Length < plain.Length - 40, $"{compressed.Length} vs {plain.Length}");
        // The first answer's owner is the question name at offset 12: a pointer 0xC00C.
        Assert.Equal(new byte[] { 0xC0, 0x0C }, compressed.AsSpan(12 + 17 + 4, 2).ToArray());
    }

    [Fact]
    public void An_update_round_trips_with_its_rfc2136_classes_and_empty_rdata()
    {
        var update = new DnsMessage
        {
            Id = 7,
            Opcode = DnsOpcode.Update,
            Questions = [new DnsQuestion("example.com.", DnsType.SOA)],
            Answers =
            [
                new DnsRecord("app.example.com.", DnsType.A, DnsClass.IN, 0, new AddressData(IPAddress.Parse("192.0.2.1"))),
                new DnsRecord("app.example.com.", DnsType.AAAA, DnsClass.NONE, 0, EmptyData.Instance),
            ],
            Authorities =
            [
                new DnsRecord("app.example.com.", DnsType.A, DnsClass.ANY, 0, EmptyData.Instance),
                new DnsRecord("app.example.com.", DnsType.A, DnsClass.IN, 30, new AddressData(IPAddress.Parse("192.0.2.2"))),
            ],
        };

        var wire = DnsMessageWriter.Write(update);
        var read = DnsMessageReader.Read(wire);

        Assert.Equal(update, read);
        Assert.Equal(0x28, wire[2]); // QR=0, opcode 5 in bits 11-14
        Assert.Equal(2, read.Prerequisites.Count);
        Assert.Equal(2, read.Updates.Count);
    }

    [Fact]
    public void Escaped_labels_survive_a_round_trip()
    {
        var name = "a\\.b\\032c\\\\.example.com.";
        var message = DnsMessage.Query(1, name, DnsType.TXT);

        var read = DnsMessageReader.Read(DnsMessageWriter.Write(message));

        Assert.Equal("a\\.b\\032c\\\\.example.com.", read.Questions[0].Name);
        Assert.Equal(3, DnsName.ToLabels(name).Count);
    }
}
