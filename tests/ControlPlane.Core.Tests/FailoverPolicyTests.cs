using System.Net;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Core.Tests;

public sealed class FailoverPolicyTests
{
    private static ServiceDefinition Service(RoutingPolicy policy, params EndpointDefinition[] endpoints) => new()
    {
        Id = "web",
        Dns = new ServiceDnsDefinition("zone", "web.example.test.", 30),
        Policy = policy,
        CheckId = "http",
        Health = HealthPolicy.Default,
        Endpoints = endpoints,
    };

    private static EndpointDefinition Endpoint(string id, int priority = 1, int weight = 100) =>
        new(id, IPAddress.Parse($"192.0.2.{id[^1]}"), 80, "dc1", priority, weight);

    private static Dictionary<string, EndpointStatus> Status(params (string Id, EndpointHealth Health, bool Drained)[] s) =>
        s.ToDictionary(x => x.Id, x => new EndpointStatus(x.Health, x.Drained));

    private static string[] Ids(DesiredRecordSet set) => set.Targets.Select(t => t.EndpointId).ToArray();

    [Fact]
    public void Failover_publishes_the_first_tier_with_a_healthy_endpoint()
    {
        var service = Service(RoutingPolicy.Failover, Endpoint("a1", 1), Endpoint("a2", 1), Endpoint("b3", 2), Endpoint("c4", 3));
        Assert.Equal(["a1", "a2"], Ids(FailoverPolicy.Compute(service, Status(("a1", EndpointHealth.Healthy, false)))));

        var tier1Down = Status(("a1", EndpointHealth.Unhealthy, false), ("a2", EndpointHealth.Unhealthy, false), ("b3", EndpointHealth.Healthy, false));
        var set = FailoverPolicy.Compute(service, tier1Down);
        Assert.Equal(["b3"], Ids(set));
        Assert.False(set.FailedOpen);
    }

    [Fact]
    public void Failover_keeps_the_healthy_part_of_a_partly_failed_tier()
    {
        var service = Service(RoutingPolicy.Failover, Endpoint("a1", 1), Endpoint("a2", 1), Endpoint("b3", 2));
        Assert.Equal(["a2"], Ids(FailoverPolicy.Compute(service, Status(("a1", EndpointHealth.Unhealthy, false)))));
    }

    [Fact]
    public void Multivalue_publishes_every_healthy_endpoint_up_to_eight()
    {
        var endpoints = Enumerable.Range(1, 9).Select(i => Endpoint($"m{i}")).ToArray();
        var service = Service(RoutingPolicy.Multivalue, endpoints);
        var set = FailoverPolicy.Compute(service, Status(("m1", EndpointHealth.Unhealthy, false)));
        Assert.Equal(8, set.Targets.Count);
        Assert.DoesNotContain("m1", Ids(set));
    }

    [Fact]
    public void Endpoints_sharing_an_address_are_published_as_one_record()
    {
        var multivalue = Service(RoutingPolicy.Multivalue, Endpoint("a1"), Endpoint("b1"), Endpoint("c2"));
        Assert.Equal(["192.0.2.1", "192.0.2.2"], FailoverPolicy.Compute(multivalue, Status()).Targets.Select(t => t.Address.ToString()));
        var failover = Service(RoutingPolicy.Failover, Endpoint("a1"), Endpoint("b1"));
        Assert.Single(FailoverPolicy.Compute(failover, Status(("a1", EndpointHealth.Unhealthy, false), ("b1", EndpointHealth.Unhealthy, false))).Targets);
    }

    [Fact]
    public void Weighted_publishes_healthy_endpoints_with_their_weights()
    {
        var service = Service(RoutingPolicy.Weighted, Endpoint("w1", weight: 10), Endpoint("w2", weight: 90), Endpoint("w3", weight: 0));
        var set = FailoverPolicy.Compute(service, Status(("w2", EndpointHealth.Unhealthy, false)));
        Assert.Equal([("w1", 10), ("w3", 0)], set.Targets.Select(t => (t.EndpointId, t.Weight)).ToArray());
    }

    [Fact]
    public void Drained_endpoint_leaves_dns_as_if_it_had_failed()
    {
        var service = Service(RoutingPolicy.Failover, Endpoint("a1", 1), Endpoint("b2", 2));
        Assert.Equal(["b2"], Ids(FailoverPolicy.Compute(service, Status(("a1", EndpointHealth.Healthy, true)))));
    }

    [Fact]
    public void When_nothing_is_healthy_every_non_drained_endpoint_is_published()
    {
        var service = Service(RoutingPolicy.Failover, Endpoint("a1", 1), Endpoint("b2", 2), Endpoint("c3", 3));
        var set = FailoverPolicy.Compute(service, Status(
            ("a1", EndpointHealth.Unhealthy, false), ("b2", EndpointHealth.Unhealthy, true), ("c3", EndpointHealth.Unhealthy, false)));
        Assert.True(set.FailedOpen);
        Assert.Equal(["a1", "c3"], Ids(set));
    }

    [Fact]
    public void Every_endpoint_drained_still_never_publishes_an_empty_set()
    {
        var service = Service(RoutingPolicy.Multivalue, Endpoint("a1"), Endpoint("a2"));
        var set = FailoverPolicy.Compute(service, Status(("a1", EndpointHealth.Healthy, true), ("a2", EndpointHealth.Healthy, true)));
        Assert.True(set.FailedOpen);
        Assert.Equal(["a1", "a2"], Ids(set));
    }

    [Fact]
    public void Unknown_endpoints_are_published_until_quorum_says_otherwise()
    {
        var service = Service(RoutingPolicy.Multivalue, Endpoint("a1"), Endpoint("a2"));
        var set = FailoverPolicy.Compute(service, Status());
        Assert.False(set.FailedOpen);
        Assert.Equal(2, set.Targets.Count);
    }

    [Fact]
    public void Equal_inputs_give_equal_record_sets_and_weight_changes_matter_only_for_weighted()
    {
        var service = Service(RoutingPolicy.Weighted, Endpoint("w1", weight: 10), Endpoint("w2", weight: 20));
        var a = FailoverPolicy.Compute(service, Status());
        Assert.True(a.SameRecordsAs(FailoverPolicy.Compute(service, Status())));

        var reweighted = Service(RoutingPolicy.Weighted, Endpoint("w1", weight: 11), Endpoint("w2", weight: 20));
        Assert.False(a.SameRecordsAs(FailoverPolicy.Compute(reweighted, Status())));

        var multivalue = Service(RoutingPolicy.Multivalue, Endpoint("w1", weight: 10), Endpoint("w2", weight: 20));
        var multivalueReweighted = Service(RoutingPolicy.Multivalue, Endpoint("w1", weight: 11), Endpoint("w2", weight: 20));
        Assert.True(FailoverPolicy.Compute(multivalue, Status()).SameRecordsAs(FailoverPolicy.Compute(multivalueReweighted, Status())));
    }
}
