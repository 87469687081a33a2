using ControlPlane.Core.Model;
using ControlPlane.Core.Verdicts;

namespace ControlPlane.Core.Tests;

public sealed class FastRecheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Applies_after_a_failure_until_the_verdict_is_down_or_a_check_succeeds()
    {
        var state = VerdictThresholds.Apply(new RegionVerdictState(Verdict.Up, 5, 0, T0), success: false, fall: 3, rise: 2, T0);
        Assert.True(FastRecheck.Applies(state));
        state = VerdictThresholds.Apply(state, success: false, fall: 3, rise: 2, T0);
        Assert.True(FastRecheck.Applies(state));
        state = VerdictThresholds.Apply(state, success: false, fall: 3, rise: 2, T0);
        Assert.Equal(Verdict.Down, state.Verdict);
        Assert.False(FastRecheck.Applies(state));

        var recovered = VerdictThresholds.Apply(new RegionVerdictState(Verdict.Up, 0, 1, T0), success: true, fall: 3, rise: 2, T0);
        Assert.False(FastRecheck.Applies(recovered));
        Assert.False(FastRecheck.Applies(RegionVerdictState.Initial));
    }
}
