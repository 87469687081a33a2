using System.Text;
using System.Xml.Linq;
using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Tests.Protocol;

public sealed class Route53XmlTests
{
    [Fact]
    public void A_change_batch_is_written_in_the_model_order_and_namespace()
    {
        var set = new ResourceRecordSet
        {
            Name = "api.example.com.",
            Type = "A",
            SetIdentifier = "dc1",
            Weight = 10,
            Ttl = 30,
            Values = ["192.0.2.1", "192.0.2.2"],
            HealthCheckId = "hc-1",
        };

        var xml = Encoding.UTF8.GetString(Route53Xml.WriteChangeBatch([new Change(ChangeAction.Upsert, set)], "failover dc1->dc2"));

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>" +
            "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeBatch>" +
            "<Comment>failover dc1-&gt;dc2</Comment><Changes><Change><Action>UPSERT</Action><ResourceRecordSet>" +
            "<Name>api.example.com.</Name><Type>A</Type><SetIdentifier>dc1</SetIdentifier><Weight>10</Weight><TTL>30</TTL>" +
            "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>" +
            "<HealthCheckId>hc-1</HealthCheckId></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>",
            xml);
    }

    [Fact]
    public void Failover_and_multivalue_fields_are_written_where_the_model_puts_them()
    {
        var failover = Route53Xml.WriteRecordSet(new ResourceRecordSet { Name = "a.", Type = "A", SetIdentifier = "primary", Failover = FailoverRole.Primary, Ttl = 5, Values = ["192.0.2.1"] });
        var multi = Route53Xml.WriteRecordSet(new ResourceRecordSet { Name = "a.", Type = "A", SetIdentifier = "ep", MultiValueAnswer = true, Ttl = 5, Values = ["192.0.2.1"] });

        Assert.Equal(["Name", "Type", "SetIdentifier", "Failover", "TTL", "ResourceRecords"], failover.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("PRIMARY", (string?)failover.Element(Route53Xml.Ns + "Failover"));
        Assert.Equal(["Name", "Type", "SetIdentifier", "MultiValueAnswer", "TTL", "ResourceRecords"], multi.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void A_record_set_of_a_policy_we_do_not_write_round_trips_for_an_exact_delete()
    {
        const string listed =
            "<ResourceRecordSet xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Name>\\052.example.com.</Name><Type>A</Type>" +
            "<SetIdentifier>eu</SetIdentifier><GeoLocation><ContinentCode>EU</ContinentCode></GeoLocation><TTL>60</TTL>" +
            "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";

        var set = Route53Xml.ReadRecordSet(XElement.Parse(listed));

        Assert.Equal(RoutingKind.Other, set.Kind);
        Assert.Equal("*.example.com.", Route53Name.Unescape(set.Name));
        Assert.Equal(XElement.Parse(listed).ToString(), Route53Xml.WriteRecordSet(set).ToString());
    }

    [Fact]
    public void The_standard_envelope_gives_code_message_and_request_id()
    {
        const string body =
            "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>" +
            "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-1</RequestId></ErrorResponse>";

        var error = Route53Xml.ReadError(400, body);

        Assert.Equal(new Route53Error(400, "Throttling", "Rate exceeded", error.Messages, "req-1"), error);
        Assert.Equal(["Rate exceeded"], error.Messages);
    }

    [Fact]
    public void InvalidChangeBatch_in_the_envelope_lists_every_bracketed_message()
    {
        const string body =
            "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>" +
            "<Code>InvalidChangeBatch</Code><Message>[Tried to delete resource record set [name='test.example.com.', type='CNAME'] but the values " +
            "provided do not match the current values, Tried to create resource record set [name='test.example.com.', type='CNAME'] but it already exists]" +
            "</Message></Error><RequestId>ca6b6a9b</RequestId></ErrorResponse>";

        var error = Route53Xml.ReadError(400, body);

        Assert.True(error.IsInvalidChangeBatch);
        Assert.Equal(
            [
                "Tried to delete resource record set [name='test.example.com.', type='CNAME'] but the values provided do not match the current values",
                "Tried to create resource record set [name='test.example.com.', type='CNAME'] but it already exists",
            ],
            error.Messages);
    }

    [Fact]
    public void InvalidChangeBatch_in_the_envelope_with_one_unbracketed_message()
    {
        const string body =
            "<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type><Code>InvalidChangeBatch</Code>" +
            "<Message>Tried to delete resource record set [name='k.example.net.', type='A'] but it was not found</Message></Error><RequestId>r</RequestId></ErrorResponse>";

        Assert.Equal(["Tried to delete resource record set [name='k.example.net.', type='A'] but it was not found"], Route53Xml.ReadError(400, body).Messages);
    }

    [Fact]
    public void InvalidChangeBatch_as_its_own_root_element_lists_each_message()
    {
        const string body =
            "<?xml version=\"1.0\"?>\n<InvalidChangeBatch xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Messages>" +
            "<Message>Tried to create resource record set [name='a.example.com.', type='A'] but it already exists</Message>" +
            "<Message>RRSet with DNS name b.example.net. is not permitted in zone example.com.</Message></Messages><RequestId>r-2</RequestId></InvalidChangeBatch>";

        var error = Route53Xml.ReadError(400, body);

        Assert.Equal(Route53Error.InvalidChangeBatch, error.Code);
        Assert.Equal("r-2", error.RequestId);
        Assert.Equal(2, error.Messages.Count);
        Assert.Equal("RRSet with DNS name b.example.net. is not permitted in zone example.com.", error.Messages[1]);
    }

    [Fact]
    public void A_body_that_is_not_XML_still_gives_an_error_by_status()
    {
        var error = Route53Xml.ReadError(502, "Bad Gateway");

        Assert.Equal("Http502", error.Code);
        Assert.Equal("Bad Gateway", error.Message);
    }

    [Fact]
    public void ChangeInfo_ids_lose_their_prefix()
    {
        var document = XDocument.Parse(
            "<GetChangeResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id>" +
            "<Status>INSYNC</Status><SubmittedAt>2017-03-27T17:48:16.751Z</SubmittedAt><Comment>c</Comment></ChangeInfo></GetChangeResponse>");

        var info = Route53Xml.ReadChangeInfo(document);

        Assert.Equal(new ChangeInfo("C2682N5HXP0BZ4", ChangeStatus.InSync, new DateTimeOffset(2017, 3, 27, 17, 48, 16, 751, TimeSpan.Zero), "c"), info);
    }

    [Fact]
    public void A_listing_page_gives_its_sets_and_where_the_next_page_starts()
    {
        var document = XDocument.Parse(
            "<ListResourceRecordSetsResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ResourceRecordSets>" +
            "<ResourceRecordSet><Name>api.example.com.</Name><Type>A</Type><SetIdentifier>ep1</SetIdentifier><Weight>3</Weight><TTL>30</TTL>" +
            "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>" +
            "<ResourceRecordSet><Name>api.example.com.</Name><Type>A</Type><AliasTarget><HostedZoneId>Z2FDTNDATAQYW2</HostedZoneId>" +
            "<DNSName>d111.cloudfront.net.</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>" +
            "</ResourceRecordSets><IsTruncated>true</IsTruncated><NextRecordName>api.example.com.</NextRecordName><NextRecordType>AAAA</NextRecordType>" +
            "<NextRecordIdentifier>ep2</NextRecordIdentifier><MaxItems>2</MaxItems></ListResourceRecordSetsResponse>");

        var page = Route53Xml.ReadRecordSetPage(document);

        Assert.Equal(2, page.RecordSets.Count);
        Assert.Equal((3L, (long?)30), (page.RecordSets[0].Weight!.Value, page.RecordSets[0].Ttl));
        Assert.Equal(new AliasTarget("Z2FDTNDATAQYW2", "d111.cloudfront.net.", false), page.RecordSets[1].AliasTarget);
        Assert.Equal((true, "api.example.com.", "AAAA", "ep2"), (page.IsTruncated, page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier));
    }

    [Theory]
    [InlineData("/hostedzone/Z1D633PJN98FT9", "Z1D633PJN98FT9")]
    [InlineData("hostedzone/Z1D633PJN98FT9", "Z1D633PJN98FT9")]
    [InlineData(" Z1D633PJN98FT9 ", "Z1D633PJN98FT9")]
    public void Hosted_zone_ids_are_normalised(string id, string expected) => Assert.Equal(expected, Route53Ids.HostedZone(id));

    [Theory]
    [InlineData("/change/C2682N5HXP0BZ4", "C2682N5HXP0BZ4")]
    [InlineData("C2682N5HXP0BZ4", "C2682N5HXP0BZ4")]
    public void Change_ids_are_normalised(string id, string expected) => Assert.Equal(expected, Route53Ids.Change(id));

    [Theory]
    [InlineData("\\052.example.com.", "*.example.com.")]
    [InlineData("API.Example.com", "api.example.com.")]
    [InlineData("a\\134b.example.com.", "a\\b.example.com.")]
    [InlineData("trailing\\05", "trailing\\05.")]
    public void Names_are_compared_unescaped_lower_case_and_qualified(string name, string canonical) =>
        Assert.Equal(canonical, Route53Name.Canonical(name));
}
