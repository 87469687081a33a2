using ControlPlane.Core.Drains;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Core.Tests.Drains;

public sealed class DisruptionBudgetTests
{
    [Theory]
    [InlineData("25%", 3, 1)] // 0.75 rounds up
    [InlineData("25%", 4, 1)]
    [InlineData("25%", 5, 2)] // 1.25 rounds up
    [InlineData("50%", 3, 2)]
    [InlineData("100%", 7, 7)]
    [InlineData("0%", 10, 0)]
    [InlineData("1%", 200, 2)]
    [InlineData("2", 10, 2)]
    [InlineData("0", 10, 0)]
    [InlineData(" 5 ", 3, 5)]
    public void Percentages_round_up_and_counts_are_taken_as_they_are(string text, int endpoints, int expected)
    {
        var budget = DisruptionBudget.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(expected, budget!.MaxUnavailable(endpoints));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("101%")]
    [InlineData("%")]
    [InlineData("ten")]
    [InlineData("25 %")]
    [InlineData("")]
    public void Anything_but_a_count_or_a_percentage_is_refused_with_the_value_named(string text)
    {
        Assert.Null(DisruptionBudget.Parse(text, out var problem));
        Assert.Contains($"'{text}'", problem);
    }

    [Fact]
    public void A_drain_within_the_budget_is_allowed_and_one_past_it_refused_with_the_reason()
    {
        var budget = DisruptionBudget.OfCount(1);
        string[] ids = ["a", "b", "c"];
        var statuses = new Dictionary<string, EndpointStatus>
        {
            ["a"] = new(EndpointHealth.Healthy, Drained: false),
            ["b"] = new(EndpointHealth.Healthy, Drained: false),
            ["c"] = new(EndpointHealth.Healthy, Drained: false),
        };
        Assert.True(BudgetCheck.Evaluate(budget, ids, statuses, "a").Allowed);

        statuses["a"] = statuses["a"] with { Drained = true };
        var refused = BudgetCheck.Evaluate(budget, ids, statuses, "b");
        Assert.False(refused.Allowed);
        Assert.Equal(["a"], refused.Unavailable);
        Assert.Equal(1, refused.MaxUnavailable);
        Assert.Contains("maxUnavailable 1 allows 1 of 3", refused.Reason);
        Assert.Contains("draining b would make 2", refused.Reason);
    }

    [Fact]
    public void Endpoints_down_count_against_the_budget_and_draining_one_that_is_down_costs_nothing()
    {
        var budget = DisruptionBudget.OfPercent(34); // of 3: 1.02 rounds up to 2
        string[] ids = ["a", "b", "c"];
        var statuses = new Dictionary<string, EndpointStatus>
        {
            ["a"] = new(EndpointHealth.Unhealthy, Drained: false),
            ["b"] = new(EndpointHealth.Unhealthy, Drained: false),
            ["c"] = new(EndpointHealth.Healthy, Drained: false),
        };
        Assert.False(BudgetCheck.Evaluate(budget, ids, statuses, "c").Allowed);
        var downOne = BudgetCheck.Evaluate(budget, ids, statuses, "a");
        Assert.True(downOne.Allowed);
        Assert.Contains("already unavailable", downOne.Reason);
    }

    [Fact]
    public void Without_a_budget_every_drain_is_allowed_and_unknown_endpoints_count_as_available()
    {
        var statuses = new Dictionary<string, EndpointStatus> { ["a"] = new(EndpointHealth.Unhealthy, Drained: true) };
        Assert.True(BudgetCheck.Evaluate(null, ["a", "b"], statuses, "b").Allowed);
        Assert.True(BudgetCheck.Evaluate(DisruptionBudget.OfCount(1), ["a", "b", "c"], new Dictionary<string, EndpointStatus>(), "b").Allowed);
    }
}
