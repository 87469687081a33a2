namespace ControlPlane.Core.Verdicts;

/// <summary>When a region re-probes at the check's fast interval (HAProxy's <c>fastinter</c>).</summary>
/// <remarks>
/// After a failure the endpoint is checked again sooner, so that <c>fall</c> failures in a row
/// take <c>interval + (fall - 1) x fastInterval</c> instead of <c>fall x interval</c>. The fast pace
/// ends as soon as the verdict is down (nothing left to confirm) or a check succeeds.
/// </remarks>
public static class FastRecheck
{
    /// <summary>True while the last check failed and the verdict is not yet down.</summary>
    public static bool Applies(RegionVerdictState state) =>
        state.ConsecutiveFailures > 0 && state.Verdict != Model.Verdict.Down;
}
