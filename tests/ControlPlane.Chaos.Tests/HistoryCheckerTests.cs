using ControlPlane.Testing.Chaos;
using static ControlPlane.Chaos.Tests.HistoryBuilder;

namespace ControlPlane.Chaos.Tests;

/// <summary>The good history passes; breaking it in one way breaks exactly one rule.</summary>
public sealed class HistoryCheckerTests
{
    [Fact]
    public void Good_history_passes_with_one_failover_made_in_five_seconds()
    {
        var report = Good().Check();

        Assert.Empty(report.Violations);
        Assert.True(report.Passed);
        Assert.Equal((1, 1, 0), (report.FailoversExpected, report.FailoversMade, report.FailOpenKept));
        var failover = Assert.Single(report.Failovers);
        Assert.Equal(("web", "web-a", S(10), S(10), S(20), S(15)), (failover.Service, failover.Endpoint, failover.QuorumDownAt, failover.CouldActFrom, failover.Deadline, failover.RemovedAt));
        Assert.Equal(S(5), failover.TimeToAct);
        Assert.Equal(1, report.FaultsInjected["kill-target"]);
        Assert.Equal(S(5), report.WorstTimeToActByFault["kill-target"]);
        Assert.Equal((2, 2, 2), (report.DecisionsChecked, report.DnsChangesChecked, report.WebhooksChecked));
    }

    [Fact]
    public void Events_out_of_time_order_are_sorted_before_checking()
    {
        var good = Good().Build();

        var report = HistoryChecker.Check(good with { Events = good.Events.Reverse().ToList() });

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(1, report.FailoversMade);
    }

    [Fact]
    public void Empty_answer_is_an_empty_record_set()
    {
        var report = Good().Without(e => e is DnsObserved { At.Ticks: 0 }).Served(0).Served(1, Endpoints).Check();

        AssertOnly(report, ChaosRules.EmptyRecordSet, "web", S(0));
    }

    [Fact]
    public void Removing_a_healthy_endpoint_is_a_false_failover()
    {
        var report = Good().Served(50, "web-a", "web-c").Served(55, Endpoints).Check();

        var violation = AssertOnly(report, ChaosRules.FalseFailover, "web-b", S(50));
        Assert.Equal("web-b removed at 50.0 s but at most 0 of 3 regions saw it down since 45.0 s", violation.Message);
    }

    [Fact]
    public void Endpoint_never_removed_while_the_cluster_could_act_is_a_missed_failover()
    {
        var report = Good().Without(e => e is DnsObserved { At.TotalSeconds: 15.0 }).Check();

        AssertOnly(report, ChaosRules.MissedFailover, "web-a", S(20));
        Assert.Equal((1, 0), (report.FailoversExpected, report.FailoversMade));
        Assert.Null(report.Failovers[0].TimeToAct);
    }

    [Fact]
    public void Endpoint_removed_after_the_deadline_is_a_missed_failover_with_its_time_to_act()
    {
        var report = Good().Without(e => e is DnsObserved { At.TotalSeconds: 15.0 }).Served(22, "web-b", "web-c").Check();

        var violation = AssertOnly(report, ChaosRules.MissedFailover, "web-a", S(20));
        Assert.Contains("removed only at 22.0 s", violation.Message, StringComparison.Ordinal);
        Assert.Equal(S(12), report.Failovers[0].TimeToAct);
    }

    [Fact]
    public void Change_listed_twice_under_one_id_is_a_dns_change_twice()
    {
        var report = Good().Change(14.6, "c1", ["web-a", "web-b", "web-c"], ["web-b", "web-c"]).Check();

        AssertOnly(report, ChaosRules.DnsChangeTwice, "web", S(14.6));
    }

    [Fact]
    public void Change_whose_after_equals_its_before_is_a_dns_change_twice()
    {
        var report = Good().Change(40, "c3", ["web-c", "web-a", "web-b"], ["web-a", "web-b", "web-c"]).Check();

        var violation = AssertOnly(report, ChaosRules.DnsChangeTwice, "web", S(40));
        Assert.Contains("changes nothing", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_repeating_the_previous_after_set_is_a_dns_change_twice()
    {
        var report = Good().Change(40, "c3", ["web-b", "web-c"], ["web-c", "web-b", "web-a"]).Check();

        var violation = AssertOnly(report, ChaosRules.DnsChangeTwice, "web", S(40));
        Assert.Contains("same endpoints as change c2", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_decisions_with_one_sequence_are_a_decision_order_violation()
    {
        var report = Good().Decision(14.1, "d3", "web-a", 1, "healthy", "down").Webhook(15.3, "d3").Check();

        AssertOnly(report, ChaosRules.DecisionOrder, "web-a", S(14.1));
    }

    [Fact]
    public void One_decision_listed_twice_is_a_decision_order_violation()
    {
        var report = Good().Decision(14, "d1", "web-a", 1, "healthy", "down").Check();

        AssertOnly(report, ChaosRules.DecisionOrder, "web-a", S(14));
    }

    [Fact]
    public void Decision_not_starting_where_the_previous_ended_is_a_decision_order_violation()
    {
        var report = Good().Without(e => e is DecisionMade { Id: "d2" }).Decision(33, "d2", "web-a", 2, "healthy", "healthy").Check();

        var violation = AssertOnly(report, ChaosRules.DecisionOrder, "web-a", S(33));
        Assert.Contains("goes from healthy but the previous decision d1 (sequence 1) went to down", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_without_a_webhook_is_a_lost_webhook()
    {
        var report = Good().Without(e => e is WebhookReceived { EventId: "decision:d2" }).Check();

        AssertOnly(report, ChaosRules.WebhookLost, "web-a", S(33));
    }

    [Fact]
    public void Webhooks_first_arriving_out_of_sequence_are_a_webhook_order_violation()
    {
        var report = Good().Without(e => e is WebhookReceived { EventId: "decision:d1" }).Webhook(34.2, "d1").Check();

        var violation = AssertOnly(report, ChaosRules.WebhookOrder, "web-a", S(34.1));
        Assert.Contains("decision d2 (sequence 2)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_webhook_receipts_are_fine()
    {
        var report = Good().Webhook(15.4, "d1").Webhook(40, "d1").Webhook(41, "d2").Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(5, report.WebhooksChecked);
    }

    internal static Violation AssertOnly(ChaosReport report, string rule, string subject, TimeSpan at)
    {
        var violation = Assert.Single(report.Violations);
        Assert.Equal((rule, subject, at), (violation.Rule, violation.Subject, violation.At));
        return violation;
    }
}
