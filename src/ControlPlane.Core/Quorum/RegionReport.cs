using ControlPlane.Core.Model;

namespace ControlPlane.Core.Quorum;

/// <summary>The latest verdict a region reported for an endpoint, and when.</summary>
/// <param name="Lag">How late the region's probe is running behind its schedule (an overloaded silo stretches its
/// probes instead of dropping them); the staleness window widens by it, so a slow region is not mistaken for a silent one.</param>
public sealed record RegionReport(
    string Region,
    Verdict Verdict,
    DateTimeOffset ReportedAt,
    int ConsecutiveSuccesses,
    int ConsecutiveFailures,
    Observation? LastObservation,
    TimeSpan Lag = default);
