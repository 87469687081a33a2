using ControlPlane.Dns.Route53.Planning;
using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Tests.Planning;

public sealed class ChangePlannerTests
{
    private const string Name = "api.example.com.";

    [Fact]
    public void Missing_sets_are_created_and_identical_sets_are_left_alone()
    {
        var a = Simple("A", "192.0.2.1");
        var aaaa = Simple("AAAA", "2001:db8::1");

        Assert.Equal(["CREATE A -", "CREATE AAAA -"], Describe(ChangePlanner.Plan([], [a, aaaa])));
        Assert.Empty(ChangePlanner.Plan([a, aaaa], [a, aaaa]));
    }

    [Fact]
    public void Addresses_are_compared_parsed_and_as_sets()
    {
        var served = Simple("AAAA", "2001:DB8:0::1", "2001:db8::2");
        var desired = Simple("AAAA", "2001:db8::2", "2001:db8::1");

        Assert.Empty(ChangePlanner.Plan([served], [desired]));
    }

    [Fact]
    public void Other_values_ttl_weight_or_a_foreign_health_check_are_upserted()
    {
        var desired = Weighted("ep1", 10, "192.0.2.1");

        Assert.Equal(["UPSERT A ep1"], Describe(ChangePlanner.Plan([Weighted("ep1", 10, "192.0.2.9")], [desired])));
        Assert.Equal(["UPSERT A ep1"], Describe(ChangePlanner.Plan([Weighted("ep1", 11, "192.0.2.1")], [desired])));
        Assert.Equal(["UPSERT A ep1"], Describe(ChangePlanner.Plan([Weighted("ep1", 10, "192.0.2.1") with { Ttl = 300 }], [desired])));
        Assert.Equal(["UPSERT A ep1"], Describe(ChangePlanner.Plan([Weighted("ep1", 10, "192.0.2.1") with { HealthCheckId = "hc" }], [desired])));
    }

    [Fact]
    public void Sets_of_a_conflicting_policy_are_deleted_first_and_leaving_members_last()
    {
        var served = new[] { Simple("A", "192.0.2.1"), Weighted("old", 1, "2001:db8::1", "AAAA") };
        var desired = new[] { Weighted("ep1", 1, "192.0.2.1"), Weighted("ep2", 1, "192.0.2.2"), Weighted("new", 1, "2001:db8::2", "AAAA") };

        var plan = ChangePlanner.Plan(served, desired);

        Assert.Equal(["DELETE A -", "CREATE A ep1", "CREATE A ep2", "CREATE AAAA new", "DELETE AAAA old"], Describe(plan));
        Assert.Equal(served[0], plan[0].RecordSet);
    }

    [Fact]
    public void A_set_that_changes_policy_under_the_same_identifier_is_deleted_then_created()
    {
        var served = Weighted("ep1", 5, "192.0.2.1");
        var desired = served with { Weight = null, MultiValueAnswer = true };

        Assert.Equal(["DELETE A ep1", "CREATE A ep1"], Describe(ChangePlanner.Plan([served], [desired])));
    }

    [Fact]
    public void Sets_of_a_type_no_longer_published_are_deleted_with_their_exact_content()
    {
        var served = Simple("AAAA", "2001:db8::1") with { Ttl = 77, HealthCheckId = "hc" };

        var plan = ChangePlanner.Plan([served, Simple("A", "192.0.2.1")], [Simple("A", "192.0.2.1")]);

        var delete = Assert.Single(plan);
        Assert.Equal(ChangeAction.Delete, delete.Action);
        Assert.Same(served, delete.RecordSet);
    }

    private static ResourceRecordSet Simple(string type, params string[] values) =>
        new() { Name = Name, Type = type, Ttl = 30, Values = values };

    private static ResourceRecordSet Weighted(string id, long weight, string value, string type = "A") =>
        new() { Name = Name, Type = type, SetIdentifier = id, Weight = weight, Ttl = 30, Values = [value] };

    private static string[] Describe(IEnumerable<Change> changes) =>
        changes.Select(c => $"{c.Action.ToString().ToUpperInvariant()} {c.RecordSet.Type} {c.RecordSet.SetIdentifier ?? "-"}").ToArray();
}
