using System.Net;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Dns.Route53.Planning;
using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Tests.Planning;

public sealed class RecordSetMapperTests
{
    [Fact]
    public void Failover_maps_to_one_simple_set_per_family_with_duplicate_addresses_once()
    {
        var sets = RecordSetMapper.Map(Desired(RoutingPolicy.Failover, ("a", "192.0.2.1"), ("b", "192.0.2.1"), ("c", "2001:db8::1")), failoverRecords: false);

        Assert.Equal(2, sets.Count);
        Assert.Equal(("A", RoutingKind.Simple), (sets[0].Type, sets[0].Kind));
        Assert.Equal(["192.0.2.1"], sets[0].Values);
        Assert.Equal(("AAAA", RoutingKind.Simple), (sets[1].Type, sets[1].Kind));
        Assert.All(sets, s => Assert.Equal("api.example.com.", s.Name));
    }

    [Fact]
    public void Failover_records_are_primary_sets()
    {
        var set = Assert.Single(RecordSetMapper.Map(Desired(RoutingPolicy.Failover, ("a", "192.0.2.1")), failoverRecords: true));

        Assert.Equal((RecordSetMapper.PrimarySetIdentifier, FailoverRole.Primary, RoutingKind.Failover), (set.SetIdentifier, set.Failover, set.Kind));
    }

    [Fact]
    public void A_name_without_the_trailing_dot_is_qualified()
    {
        var desired = Desired(RoutingPolicy.Multivalue, ("a", "192.0.2.1")) with { Name = "api.example.com" };

        Assert.Equal("api.example.com.", Assert.Single(RecordSetMapper.Map(desired, false)).Name);
    }

    [Fact]
    public void An_endpoint_id_longer_than_128_characters_cannot_be_a_set_identifier()
    {
        var e = Assert.Throws<ArgumentException>(() => RecordSetMapper.Map(Desired(RoutingPolicy.Weighted, (new string('x', 129), "192.0.2.1")), false));
        Assert.Contains("set identifier", e.Message, StringComparison.Ordinal);
    }

    private static DesiredRecordSet Desired(RoutingPolicy policy, params (string Id, string Address)[] targets) =>
        new("svc", "api.example.com.", 30, policy, targets.Select(t => new DnsTarget(t.Id, IPAddress.Parse(t.Address), 1, 0)).ToList(), null);
}
