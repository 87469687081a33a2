using ControlPlane.Testing.Chaos;
using static ControlPlane.Chaos.Tests.HistoryBuilder;

namespace ControlPlane.Chaos.Tests;

/// <summary>What the report measures and how it renders.</summary>
public sealed class ChaosReportTests
{
    [Fact]
    public void Worst_time_to_act_is_kept_per_fault_active_between_quorum_down_and_removal()
    {
        var report = Started()
            .Fault(10, "kill-target", "web-a", true).Truth(10, "web-a", Regions).Served(15, "web-b", "web-c")
            .Truth(30, "web-a").Fault(30, "kill-target", "web-a", false).Served(31, Endpoints)
            .Fault(38, "dns-latency", "bind", true)
            .Fault(40, "partition", "web-b", true).Truth(40, "web-b", "eu-central", "us-east").Served(47, "web-a", "web-c")
            .Fault(45, "dns-latency", "bind", false)
            .Truth(60, "web-b").Fault(60, "partition", "web-b", false).Served(61, Endpoints)
            .Truth(70, "web-c", Regions).Served(72, "web-a", "web-b")
            .Truth(85, "web-c").Served(86, Endpoints)
            .Fault(90, "kill-target", "web-a", true).Truth(90, "web-a", Regions).Served(99, "web-b", "web-c")
            .Truth(101, "web-a").Served(102, Endpoints)
            .Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal(
            new Dictionary<string, TimeSpan> { ["kill-target"] = S(9), ["partition"] = S(7), ["dns-latency"] = S(7), ["none"] = S(2) },
            report.WorstTimeToActByFault.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(
            new Dictionary<string, int> { ["kill-target"] = 2, ["partition"] = 1, ["dns-latency"] = 1 },
            report.FaultsInjected.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal([S(5), S(7), S(2), S(9)], report.Failovers.OrderBy(f => f.QuorumDownAt).Select(f => f.TimeToAct!.Value));
    }

    [Fact]
    public void Markdown_of_a_passing_run_has_the_tables_and_no_violation()
    {
        var markdown = Good().Check().ToMarkdown();

        Assert.Contains("| fault kind | injected | worst time to act (s) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| kill-target | 1 | 5.0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1 | 0 | 0 | 2 | 2 | 2 |", markdown, StringComparison.Ordinal);
        Assert.EndsWith("violations: 0\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_outage_removed_before_it_was_owed_counts_for_the_times_to_act_only()
    {
        var report = Started()
            .Fault(10, "kill-target", "web-a", true).Truth(10, "web-a", Regions)
            .Served(13, "web-b", "web-c")
            .Fault(18, "kill-target", "web-a", false).Truth(18, "web-a")
            .Served(21, Endpoints)
            .Check();

        Assert.True(report.Passed, report.ToMarkdown());
        Assert.Equal((0, 0, 1), (report.FailoversExpected, report.FailoversMade, report.FailoversMadeEarly));
        Assert.Equal(S(3), report.WorstTimeToActByFault["kill-target"]);
    }

    [Fact]
    public void Markdown_of_a_failing_run_lists_each_violation()
    {
        var report = Good().Without(e => e is WebhookReceived { EventId: "decision:d2" }).Check();

        var markdown = report.ToMarkdown();

        Assert.False(report.Passed);
        Assert.Contains("violations: 1\n- webhook-lost web-a at 33.0 s: decision d2 (sequence 2, down to healthy) of web-a never reached the webhook receiver\n", markdown, StringComparison.Ordinal);
    }
}
