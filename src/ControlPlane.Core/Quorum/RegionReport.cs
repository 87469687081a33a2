using ControlPlane.Core.Model;

namespace ControlPlane.Core.Quorum;

/// <summary>The latest verdict a region reported for an endpoint, and when.</summary>
public sealed record RegionReport(
    string Region,
    Verdict Verdict,
    DateTimeOffset ReportedAt,
    int ConsecutiveSuccesses,
    int ConsecutiveFailures,
    Observation? LastObservation);
