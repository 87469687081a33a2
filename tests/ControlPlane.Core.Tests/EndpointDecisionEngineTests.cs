using ControlPlane.Core.Decisions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Core.Tests;

public sealed class EndpointDecisionEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static QuorumOutcome Decided(EndpointHealth health) =>
        new(QuorumState.Decided, health, 2, 3, health == EndpointHealth.Healthy ? 3 : 0, health == EndpointHealth.Unhealthy ? 3 : 0, "majority of 3", []);

    private static QuorumOutcome Insufficient() => new(QuorumState.Insufficient, null, 2, 1, 0, 1, "majority of 3", []);

    private static QuorumOutcome Split() => new(QuorumState.Split, null, 2, 2, 1, 1, "majority of 3", []);

    private static readonly FlapDampingPolicy NoDamping = new() { Enabled = false };

    [Fact]
    public void Quorum_decision_changes_health_and_records_one_decision()
    {
        var result = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), NoDamping, T0);
        var healthy = result.State;
        Assert.Equal(EndpointHealth.Healthy, healthy.Health);
        Assert.Single(result.Events);

        var down = EndpointDecisionEngine.Evaluate(healthy, Decided(EndpointHealth.Unhealthy), NoDamping, T0.AddSeconds(5));
        var evt = Assert.Single(down.Events);
        Assert.Equal(DecisionKind.HealthChanged, evt.Kind);
        Assert.Equal(EndpointHealth.Healthy, evt.From);
        Assert.Equal(EndpointHealth.Unhealthy, evt.To);
        Assert.Equal(2, down.State.DecisionSequence);
        Assert.Equal(T0.AddSeconds(5), down.State.HealthSince);
    }

    [Fact]
    public void The_same_outcome_again_records_nothing()
    {
        var healthy = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), NoDamping, T0).State;
        var again = EndpointDecisionEngine.Evaluate(healthy, Decided(EndpointHealth.Healthy), NoDamping, T0.AddSeconds(1));
        Assert.Empty(again.Events);
        Assert.Equal(healthy.DecisionSequence, again.State.DecisionSequence);
    }

    [Fact]
    public void Insufficient_quorum_holds_health_and_raises_then_clears_an_alert()
    {
        var healthy = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), NoDamping, T0).State;

        var lost = EndpointDecisionEngine.Evaluate(healthy, Insufficient(), NoDamping, T0.AddSeconds(1));
        Assert.Equal(EndpointHealth.Healthy, lost.State.Health);
        Assert.True(lost.State.QuorumAlert);
        Assert.Equal(DecisionKind.QuorumLost, Assert.Single(lost.Events).Kind);

        var stillLost = EndpointDecisionEngine.Evaluate(lost.State, Insufficient(), NoDamping, T0.AddSeconds(2));
        Assert.Empty(stillLost.Events);

        var back = EndpointDecisionEngine.Evaluate(stillLost.State, Decided(EndpointHealth.Healthy), NoDamping, T0.AddSeconds(3));
        Assert.False(back.State.QuorumAlert);
        Assert.Equal(DecisionKind.QuorumRestored, Assert.Single(back.Events).Kind);
    }

    [Fact]
    public void A_split_keeps_the_last_decision_without_an_alert()
    {
        var unhealthy = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Unhealthy), NoDamping, T0).State;
        var split = EndpointDecisionEngine.Evaluate(unhealthy, Split(), NoDamping, T0.AddSeconds(1));
        Assert.Equal(EndpointHealth.Unhealthy, split.State.Health);
        Assert.False(split.State.QuorumAlert);
        Assert.Empty(split.Events);
    }

    [Fact]
    public void Flapping_endpoint_is_held_unhealthy_until_stable_for_the_hold_time()
    {
        var damping = new FlapDampingPolicy { Enabled = true, MaxTransitions = 2, Window = TimeSpan.FromMinutes(5), HoldFor = TimeSpan.FromMinutes(1) };
        var state = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), damping, T0).State;
        var t = T0;

        // Three flips within the window: the third one trips damping.
        foreach (var health in new[] { EndpointHealth.Unhealthy, EndpointHealth.Healthy, EndpointHealth.Unhealthy, EndpointHealth.Healthy })
        {
            t = t.AddSeconds(10);
            state = EndpointDecisionEngine.Evaluate(state, Decided(health), damping, t).State;
        }

        Assert.True(state.Damped);
        Assert.Equal(EndpointHealth.Unhealthy, state.Health);
        Assert.Equal(EndpointHealth.Healthy, state.QuorumHealth);

        // Stable healthy, but not yet for the hold time.
        state = EndpointDecisionEngine.Evaluate(state, Decided(EndpointHealth.Healthy), damping, t.AddSeconds(59)).State;
        Assert.Equal(EndpointHealth.Unhealthy, state.Health);

        var released = EndpointDecisionEngine.Evaluate(state, Decided(EndpointHealth.Healthy), damping, t.AddSeconds(60));
        Assert.False(released.State.Damped);
        Assert.Equal(EndpointHealth.Healthy, released.State.Health);
        Assert.Equal([DecisionKind.Undamped, DecisionKind.HealthChanged], released.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Flips_outside_the_window_do_not_trip_damping()
    {
        var damping = new FlapDampingPolicy { Enabled = true, MaxTransitions = 2, Window = TimeSpan.FromMinutes(1), HoldFor = TimeSpan.FromMinutes(1) };
        var state = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), damping, T0).State;
        var t = T0;
        foreach (var health in new[] { EndpointHealth.Unhealthy, EndpointHealth.Healthy, EndpointHealth.Unhealthy, EndpointHealth.Healthy })
        {
            t = t.AddSeconds(40);
            state = EndpointDecisionEngine.Evaluate(state, Decided(health), damping, t).State;
        }

        Assert.False(state.Damped);
        Assert.Equal(EndpointHealth.Healthy, state.Health);
    }

    [Fact]
    public void Damping_disabled_never_holds()
    {
        var state = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), NoDamping, T0).State;
        for (var i = 1; i <= 20; i++)
        {
            state = EndpointDecisionEngine.Evaluate(state, Decided(i % 2 == 1 ? EndpointHealth.Unhealthy : EndpointHealth.Healthy), NoDamping, T0.AddSeconds(i)).State;
        }

        Assert.False(state.Damped);
        Assert.Equal(EndpointHealth.Healthy, state.Health);
    }

    [Fact]
    public void Damping_is_on_by_default_so_forty_flips_in_a_row_are_held_down_and_both_edges_are_recorded()
    {
        var defaults = HealthPolicy.Default.FlapDamping;
        Assert.Equal((true, 4, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2)), (defaults.Enabled, defaults.MaxTransitions, defaults.Window, defaults.HoldFor));
        var state = EndpointDecisionEngine.Evaluate(EndpointDecisionState.Initial, Decided(EndpointHealth.Healthy), defaults, T0).State;
        var kinds = new List<DecisionKind>();
        var healthChanges = 0;
        for (var i = 1; i <= 40; i++)
        {
            var result = EndpointDecisionEngine.Evaluate(state, Decided(i % 2 == 1 ? EndpointHealth.Unhealthy : EndpointHealth.Healthy), defaults, T0.AddSeconds(5 * i));
            kinds.AddRange(result.Events.Select(e => e.Kind));
            healthChanges += result.Events.Count(e => e.Kind == DecisionKind.HealthChanged);
            state = result.State;
        }

        Assert.True(state.Damped);
        Assert.Equal(EndpointHealth.Unhealthy, state.Health);
        Assert.Equal(5, healthChanges); // four flips pass, the fifth trips damping (down) and holds it there for the other 35
        Assert.Single(kinds, DecisionKind.Damped);

        var released = EndpointDecisionEngine.Evaluate(state, Decided(EndpointHealth.Healthy), defaults, T0.AddSeconds(200) + defaults.HoldFor);
        Assert.Equal([DecisionKind.Undamped, DecisionKind.HealthChanged], released.Events.Select(e => e.Kind));
        Assert.Contains("flap damping released", released.Events[0].Reason);
    }
}
