using ControlPlane.Testing.Chaos;
using static ControlPlane.Chaos.Tests.HistoryBuilder;
using static ControlPlane.Chaos.Tests.HistoryCheckerTests;

namespace ControlPlane.Chaos.Tests;

/// <summary>When a removal is justified or owed: windows, quorums of running silos, the DNS provider, fail-open.</summary>
public sealed class HistoryCheckerEdgeCaseTests
{
    [Fact]
    public void Removal_of_an_endpoint_only_one_cut_off_region_sees_down_is_a_false_failover()
    {
        var report = Good().Truth(50, "web-b", "eu-central").Served(52, "web-a", "web-c").Served(60, Endpoints).Truth(61, "web-b").Check();

        var violation = AssertOnly(report, ChaosRules.FalseFailover, "web-b", S(52));
        Assert.Equal("web-b removed at 52.0 s but at most 1 of 3 regions saw it down since 47.0 s", violation.Message);
    }

    [Fact]
    public void Removal_justified_by_a_quorum_down_three_seconds_earlier_is_fine()
    {
        var report = Good().Truth(50, "web-b", "eu-central", "us-east").Truth(51, "web-b").Served(54, "web-a", "web-c").Served(60, Endpoints).Check();

        Assert.True(report.Passed, report.ToMarkdown());
    }

    [Fact]
    public void Removal_after_the_quorum_down_left_the_detection_window_is_a_false_failover()
    {
        var report = Good().Truth(50, "web-b", "eu-central", "us-east").Truth(51, "web-b").Served(57, "web-a", "web-c").Served(60, Endpoints).Check();

        AssertOnly(report, ChaosRules.FalseFailover, "web-b", S(57));
    }

    [Fact]
    public void Quorum_down_seen_by_only_one_running_silo_owes_no_failover()
    {
        var report = Started().Silo(5, "us-east", false).Truth(10, "web-a", "eu-central", "us-east").Truth(30, "web-a").Served(31, Endpoints).Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(0, report.FailoversExpected);
    }

    [Fact]
    public void Quorum_down_seen_by_two_running_silos_owes_a_failover()
    {
        var report = Started().Truth(10, "web-a", "eu-central", "us-east").Truth(30, "web-a").Served(31, Endpoints).Check();

        AssertOnly(report, ChaosRules.MissedFailover, "web-a", S(20));
    }

    [Fact]
    public void Deadline_counts_from_when_the_dns_provider_is_back()
    {
        var report = ProviderOutage().Served(24, "web-b", "web-c").Check();

        Assert.True(report.Passed, report.ToMarkdown());
        var failover = Assert.Single(report.Failovers);
        Assert.Equal((S(16), S(26), S(8)), (failover.CouldActFrom, failover.Deadline, failover.TimeToAct));
    }

    [Fact]
    public void Only_the_service_s_own_provider_outage_moves_its_deadline()
    {
        HistoryBuilder Outage(string service) => Started().Truth(10, "web-a", Regions)
            .Provider(13, false, service).Provider(16, true, service)
            .Served(24, "web-b", "web-c").Truth(40, "web-a").Served(41, Endpoints);

        Assert.True(Outage(Service).Check().Passed);
        AssertOnly(Outage("another-service").Check(), ChaosRules.MissedFailover, "web-a", S(20));
    }

    [Fact]
    public void Start_up_decisions_from_unknown_raise_no_webhook_and_are_not_lost()
    {
        var report = Good().Decision(1, "d0", "web-b", 1, "unknown", "healthy").Check();

        Assert.True(report.Passed, report.ToMarkdown());
    }

    [Fact]
    public void Endpoint_still_served_past_the_deadline_after_a_provider_outage_is_a_missed_failover()
    {
        var report = ProviderOutage().Served(27, "web-b", "web-c").Check();

        AssertOnly(report, ChaosRules.MissedFailover, "web-a", S(26));
    }

    [Fact]
    public void Whole_service_down_and_kept_is_fail_open()
    {
        var builder = Started();
        foreach (var endpoint in Endpoints)
        {
            builder.Truth(10, endpoint, Regions).Truth(30, endpoint);
        }

        var report = builder.Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal((3, 0, 3), (report.FailoversExpected, report.FailoversMade, report.FailOpenKept));
    }

    [Fact]
    public void Endpoint_down_until_the_history_ends_before_its_deadline_owes_nothing()
    {
        var report = Started().Truth(10, "web-a", Regions).Silo(19, "ap-south", true).Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(0, report.FailoversExpected);
    }

    [Fact]
    public void Endpoint_already_absent_when_quorum_down_starts_counts_as_removed_at_once()
    {
        var report = Good().Without(e => e.At.TotalSeconds >= 30)
            .Truth(21, "web-a").Truth(22, "web-a", Regions).Truth(50, "web-a").Served(51, Endpoints).Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(2, report.FailoversMade);
        Assert.Equal((S(22), TimeSpan.Zero), (report.Failovers[1].RemovedAt, report.Failovers[1].TimeToAct));
    }

    /// <summary>web-a dies at 10 s; the DNS provider fails from 13 s to 16 s; web-a is back at 40 s.</summary>
    private static HistoryBuilder ProviderOutage() => Started()
        .Truth(10, "web-a", Regions)
        .Provider(13, false)
        .Provider(16, true)
        .Truth(40, "web-a")
        .Served(41, Endpoints);
}
