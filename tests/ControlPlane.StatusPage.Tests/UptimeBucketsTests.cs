using ControlPlane.Api.StatusPage;
using ControlPlane.Core.Model;

namespace ControlPlane.StatusPage.Tests;

public sealed class UptimeBucketsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    [Fact]
    public void Health_changes_split_the_buckets_they_fall_in()
    {
        var decisions = new[]
        {
            Change(Start.AddMinutes(5), EndpointHealth.Unknown, EndpointHealth.Healthy),
            Change(Start.AddMinutes(20), EndpointHealth.Healthy, EndpointHealth.Unhealthy),
            Change(Start.AddMinutes(35), EndpointHealth.Unhealthy, EndpointHealth.Healthy),
        };

        var series = UptimeBuckets.Compute(decisions, truncated: false, EndpointHealth.Healthy, Start, Quarter, 4, Start.AddMinutes(50));

        // 12:00-12:05 unknown (no data), then healthy; 12:20-12:35 down; 12:50 now: the last bucket holds 5 healthy minutes.
        Assert.Equal([1.0, 0.3333, 0.6667, 1.0], series.Healthy.Select(v => v ?? -1));
        Assert.Equal(Math.Round(100 * 30.0 / 45, 3), series.UptimePercent);
    }

    [Fact]
    public void Without_decisions_the_current_health_holds_for_the_whole_window()
    {
        var series = UptimeBuckets.Compute([], truncated: false, EndpointHealth.Unhealthy, Start, Quarter, 2, Start.AddMinutes(20));

        Assert.Equal([0.0, 0.0], series.Healthy);
        Assert.Equal(0, series.UptimePercent);
    }

    [Fact]
    public void Unknown_health_and_the_future_are_no_data_not_downtime()
    {
        var series = UptimeBuckets.Compute([], truncated: false, EndpointHealth.Unknown, Start, Quarter, 3, Start.AddMinutes(20));

        Assert.Equal([null, null, null], series.Healthy);
        Assert.Null(series.UptimePercent);
    }

    [Fact]
    public void A_truncated_audit_read_leaves_the_time_before_its_oldest_decision_unknown()
    {
        var decisions = new[] { Change(Start.AddMinutes(15), EndpointHealth.Unhealthy, EndpointHealth.Healthy) };

        var series = UptimeBuckets.Compute(decisions, truncated: true, EndpointHealth.Healthy, Start, Quarter, 2, Start.AddMinutes(30));

        Assert.Equal([null, 1.0], series.Healthy);
    }

    [Fact]
    public void Drains_and_quorum_alerts_do_not_change_uptime()
    {
        var decisions = new[]
        {
            new Decision("e/1", DecisionKind.Drained, "s", "e", Start.AddMinutes(1), EndpointHealth.Healthy, EndpointHealth.Healthy, "restart", null, "ops"),
            new Decision("e/2", DecisionKind.QuorumLost, "s", "e", Start.AddMinutes(2), EndpointHealth.Healthy, EndpointHealth.Healthy, "too few regions", null),
        };

        Assert.Equal([1.0], UptimeBuckets.Compute(decisions, truncated: false, EndpointHealth.Healthy, Start, Quarter, 1, Start.AddMinutes(10)).Healthy);
    }

    private static Decision Change(DateTimeOffset at, EndpointHealth from, EndpointHealth to) =>
        new($"e/{at.Minute}", DecisionKind.HealthChanged, "s", "e", at, from, to, "quorum", null);
}
