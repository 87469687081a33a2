using ControlPlane.Core.Model;

namespace ControlPlane.Core.Quorum;

/// <summary>What quorum says about an endpoint right now.</summary>
public enum QuorumState
{
    /// <summary>Enough regions agree: <see cref="QuorumOutcome.Health"/> holds the answer.</summary>
    Decided,

    /// <summary>Enough regions report, but neither side has quorum: keep the current health.</summary>
    Split,

    /// <summary>Fewer regions report than quorum needs: keep the current health and raise an alert.</summary>
    Insufficient,
}

/// <summary>The quorum evaluation with the counts behind it, kept as evidence.</summary>
public sealed record QuorumOutcome(
    QuorumState State,
    EndpointHealth? Health,
    int Required,
    int Reporting,
    int Up,
    int Down,
    string Rule,
    IReadOnlyList<RegionVerdictEvidence> Regions);

/// <summary>One region's part in a quorum evaluation.</summary>
public sealed record RegionVerdictEvidence(
    string Region,
    RegionStatus Status,
    Verdict Verdict,
    DateTimeOffset? ReportedAt,
    int ConsecutiveSuccesses,
    int ConsecutiveFailures,
    Observation? LastObservation);
