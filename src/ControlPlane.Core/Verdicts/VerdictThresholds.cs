using ControlPlane.Core.Model;

namespace ControlPlane.Core.Verdicts;

/// <summary>Turns a region's stream of observations into its verdict with fall/rise thresholds.</summary>
/// <remarks>
/// A verdict moves to Down only after <c>fall</c> consecutive failures and to Up only after
/// <c>rise</c> consecutive successes, in both directions and also from Unknown, so one lost
/// packet never moves traffic and a recovering endpoint must prove itself before it returns.
/// </remarks>
public static class VerdictThresholds
{
    /// <summary>The state after one more observation.</summary>
    public static RegionVerdictState Apply(RegionVerdictState state, bool success, int fall, int rise, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);

        var successes = success ? Saturating(state.ConsecutiveSuccesses) : 0;
        var failures = success ? 0 : Saturating(state.ConsecutiveFailures);
        var verdict = state.Verdict;
        if (success && successes >= rise)
        {
            verdict = Verdict.Up;
        }
        else if (!success && failures >= fall)
        {
            verdict = Verdict.Down;
        }

        var changedAt = verdict == state.Verdict ? state.ChangedAt : at;
        return new RegionVerdictState(verdict, successes, failures, changedAt);
    }

    /// <summary>
    /// The state to continue from when the last observation was taken at <paramref name="lastObservedAt"/>
    /// and the next at <paramref name="at"/>: a streak interrupted for longer than <paramref name="maxGap"/>
    /// (the process was paused or stopped, the grain moved) is no longer evidence, so the verdict
    /// starts again from Unknown and must cross fall or rise on fresh observations. Without this a
    /// region resuming after a pause would report, as fresh, a verdict built before it.
    /// </summary>
    public static RegionVerdictState Resume(RegionVerdictState state, DateTimeOffset? lastObservedAt, DateTimeOffset at, TimeSpan maxGap) =>
        lastObservedAt is { } last && at - last > maxGap ? RegionVerdictState.Initial : state;

    private static int Saturating(int count) => count == int.MaxValue ? count : count + 1;
}
