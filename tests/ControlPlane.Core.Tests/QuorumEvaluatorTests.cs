using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Core.Tests;

public sealed class QuorumEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly string[] Regions = ["eu-central", "us-east", "ap-south"];

    private static Dictionary<string, RegionReport> Reports(params (string Region, Verdict Verdict, double AgeSeconds)[] reports) =>
        reports.ToDictionary(
            r => r.Region,
            r => new RegionReport(r.Region, r.Verdict, Now.AddSeconds(-r.AgeSeconds), 0, 0, null));

    private static QuorumOutcome Evaluate(Dictionary<string, RegionReport> reports, QuorumPolicy? quorum = null, int staleAfter = 3) =>
        QuorumEvaluator.Evaluate(Regions, reports, new HealthPolicy { Quorum = quorum ?? new(), StaleAfterIntervals = staleAfter }, Interval, Now);

    [Fact]
    public void Endpoint_is_unhealthy_when_a_majority_of_regions_say_down()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Down, 0), ("us-east", Verdict.Down, 0), ("ap-south", Verdict.Up, 0)));
        Assert.Equal(QuorumState.Decided, outcome.State);
        Assert.Equal(EndpointHealth.Unhealthy, outcome.Health);
        Assert.Equal(2, outcome.Required);
    }

    [Fact]
    public void Endpoint_is_not_failed_over_when_only_one_region_fails()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Down, 0), ("us-east", Verdict.Up, 0), ("ap-south", Verdict.Up, 0)));
        Assert.Equal(EndpointHealth.Healthy, outcome.Health);
    }

    [Fact]
    public void A_stale_region_does_not_count_towards_quorum()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Down, 0), ("us-east", Verdict.Down, 3.5), ("ap-south", Verdict.Up, 0)));
        Assert.Equal(RegionStatus.Stale, outcome.Regions.Single(r => r.Region == "us-east").Status);
        Assert.Equal(QuorumState.Split, outcome.State);
        Assert.Null(outcome.Health);
    }

    [Fact]
    public void A_report_exactly_at_the_staleness_limit_still_counts()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Down, 3), ("us-east", Verdict.Down, 3)));
        Assert.Equal(EndpointHealth.Unhealthy, outcome.Health);
    }

    [Fact]
    public void Fewer_reporting_regions_than_quorum_needs_is_insufficient_and_decides_nothing()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Down, 0), ("us-east", Verdict.Down, 10)));
        Assert.Equal(QuorumState.Insufficient, outcome.State);
        Assert.Null(outcome.Health);
        Assert.Equal(RegionStatus.Missing, outcome.Regions.Single(r => r.Region == "ap-south").Status);
    }

    [Fact]
    public void Undecided_regions_do_not_count()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Unknown, 0), ("us-east", Verdict.Down, 0), ("ap-south", Verdict.Unknown, 0)));
        Assert.Equal(QuorumState.Insufficient, outcome.State);
        Assert.Equal(RegionStatus.Undecided, outcome.Regions[0].Status);
    }

    [Fact]
    public void N_of_m_needs_exactly_n_agreeing_regions()
    {
        var allThree = new QuorumPolicy { Mode = QuorumMode.NOfM, Count = 3 };
        Assert.Equal(QuorumState.Split, Evaluate(Reports(("eu-central", Verdict.Down, 0), ("us-east", Verdict.Down, 0), ("ap-south", Verdict.Up, 0)), allThree).State);
        Assert.Equal(EndpointHealth.Unhealthy, Evaluate(Reports(("eu-central", Verdict.Down, 0), ("us-east", Verdict.Down, 0), ("ap-south", Verdict.Down, 0)), allThree).Health);

        var one = new QuorumPolicy { Mode = QuorumMode.NOfM, Count = 1 };
        Assert.Equal(EndpointHealth.Unhealthy, Evaluate(Reports(("eu-central", Verdict.Down, 0)), one).Health);
    }

    [Fact]
    public void Healthy_percentage_compares_the_share_of_up_regions_among_reporting_ones()
    {
        var policy = new QuorumPolicy { Mode = QuorumMode.HealthyPercentage, HealthyPercentage = 60, MinReporting = 2 };
        var twoOfThreeUp = Reports(("eu-central", Verdict.Up, 0), ("us-east", Verdict.Up, 0), ("ap-south", Verdict.Down, 0));
        Assert.Equal(EndpointHealth.Healthy, Evaluate(twoOfThreeUp, policy).Health);

        var oneOfTwoUp = Reports(("eu-central", Verdict.Up, 0), ("us-east", Verdict.Down, 0), ("ap-south", Verdict.Down, 30));
        Assert.Equal(EndpointHealth.Unhealthy, Evaluate(oneOfTwoUp, policy).Health);
    }

    [Fact]
    public void Healthy_percentage_with_too_few_reporting_regions_is_insufficient()
    {
        var policy = new QuorumPolicy { Mode = QuorumMode.HealthyPercentage, HealthyPercentage = 50, MinReporting = 2 };
        Assert.Equal(QuorumState.Insufficient, Evaluate(Reports(("eu-central", Verdict.Down, 0)), policy).State);
    }

    [Fact]
    public void Evidence_lists_every_configured_region_with_its_status()
    {
        var outcome = Evaluate(Reports(("eu-central", Verdict.Up, 0)));
        Assert.Equal(Regions, outcome.Regions.Select(r => r.Region));
    }
}
