using ControlPlane.Core.Model;

namespace ControlPlane.Core.Verdicts;

/// <summary>A region's verdict on one endpoint with the streak that produced it.</summary>
/// <param name="Verdict">Current verdict.</param>
/// <param name="ConsecutiveSuccesses">Successes since the last failure.</param>
/// <param name="ConsecutiveFailures">Failures since the last success.</param>
/// <param name="ChangedAt">When the verdict last changed; null while Unknown.</param>
public readonly record struct RegionVerdictState(
    Verdict Verdict,
    int ConsecutiveSuccesses,
    int ConsecutiveFailures,
    DateTimeOffset? ChangedAt)
{
    public static RegionVerdictState Initial => new(Verdict.Unknown, 0, 0, null);
}
