using ControlPlane.Core.Model;
using ControlPlane.Core.Verdicts;

namespace ControlPlane.Core.Tests;

public sealed class VerdictThresholdsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static RegionVerdictState Run(RegionVerdictState state, int fall, int rise, params bool[] results)
    {
        var at = T0;
        foreach (var ok in results)
        {
            at = at.AddSeconds(1);
            state = VerdictThresholds.Apply(state, ok, fall, rise, at);
        }

        return state;
    }

    [Fact]
    public void Region_goes_down_only_after_fall_consecutive_failures()
    {
        var up = Run(RegionVerdictState.Initial, fall: 3, rise: 1, true);
        Assert.Equal(Verdict.Up, up.Verdict);

        Assert.Equal(Verdict.Up, Run(up, 3, 1, false, false).Verdict);
        Assert.Equal(Verdict.Down, Run(up, 3, 1, false, false, false).Verdict);
    }

    [Fact]
    public void A_success_between_failures_resets_the_fall_count()
    {
        var up = Run(RegionVerdictState.Initial, 2, 1, true);
        var state = Run(up, 2, 1, false, true, false, true, false);
        Assert.Equal(Verdict.Up, state.Verdict);
        Assert.Equal(1, state.ConsecutiveFailures);
    }

    [Fact]
    public void Region_comes_back_up_only_after_rise_consecutive_successes()
    {
        var down = Run(RegionVerdictState.Initial, 1, 3, false);
        Assert.Equal(Verdict.Down, down.Verdict);

        Assert.Equal(Verdict.Down, Run(down, 1, 3, true, true).Verdict);
        Assert.Equal(Verdict.Down, Run(down, 1, 3, true, true, false, true, true).Verdict);
        Assert.Equal(Verdict.Up, Run(down, 1, 3, true, true, true).Verdict);
    }

    [Fact]
    public void New_endpoint_stays_unknown_until_a_threshold_is_crossed()
    {
        Assert.Equal(Verdict.Unknown, Run(RegionVerdictState.Initial, 2, 2, true).Verdict);
        Assert.Equal(Verdict.Unknown, Run(RegionVerdictState.Initial, 2, 2, false).Verdict);
        Assert.Equal(Verdict.Unknown, Run(RegionVerdictState.Initial, 2, 2, true, false, true).Verdict);
    }

    [Fact]
    public void ChangedAt_moves_only_when_the_verdict_changes()
    {
        var up = Run(RegionVerdictState.Initial, 2, 1, true);
        var stillUp = Run(up, 2, 1, true, false);
        Assert.Equal(up.ChangedAt, stillUp.ChangedAt);
        var later = T0.AddMinutes(1);
        var down = VerdictThresholds.Apply(stillUp, success: false, fall: 2, rise: 1, later);
        Assert.Equal(Verdict.Down, down.Verdict);
        Assert.Equal(later, down.ChangedAt);
    }

    [Fact]
    public void A_streak_interrupted_longer_than_the_gap_starts_again_from_unknown()
    {
        var down = Run(RegionVerdictState.Initial, 2, 2, false, false);
        Assert.Equal(Verdict.Down, down.Verdict);
        var lastObserved = T0;

        var resumed = VerdictThresholds.Resume(down, lastObserved, T0.AddSeconds(12), TimeSpan.FromSeconds(3));
        Assert.Equal(RegionVerdictState.Initial, resumed);
        Assert.Equal(Verdict.Unknown, VerdictThresholds.Apply(resumed, success: true, fall: 2, rise: 2, T0.AddSeconds(12)).Verdict);

        Assert.Equal(down, VerdictThresholds.Resume(down, lastObserved, T0.AddSeconds(3), TimeSpan.FromSeconds(3)));
        Assert.Equal(down, VerdictThresholds.Resume(down, null, T0.AddSeconds(60), TimeSpan.FromSeconds(3)));
    }
}
