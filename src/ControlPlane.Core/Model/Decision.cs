using ControlPlane.Core.Quorum;

namespace ControlPlane.Core.Model;

/// <summary>What kind of event a decision records.</summary>
public enum DecisionKind
{
    /// <summary>Quorum (or damping) changed the endpoint's health.</summary>
    HealthChanged,

    /// <summary>Too few regions report to decide; health is held and an alert raised.</summary>
    QuorumLost,

    /// <summary>Enough regions report again.</summary>
    QuorumRestored,

    /// <summary>An operator or automation drained the endpoint out of DNS.</summary>
    Drained,

    /// <summary>A drained endpoint was returned.</summary>
    Undrained,
}

/// <summary>A recorded decision with the evidence that led to it (the audit log).</summary>
/// <param name="Id">Deterministic: <c>{endpointId}/{sequence}</c>, so a replay cannot record it twice.</param>
public sealed record Decision(
    string Id,
    DecisionKind Kind,
    string ServiceId,
    string EndpointId,
    DateTimeOffset At,
    EndpointHealth From,
    EndpointHealth To,
    string Reason,
    DecisionEvidence? Evidence,
    string? Actor = null);

/// <summary>Why a decision was taken: every region's verdict, the thresholds and the quorum rule.</summary>
public sealed record DecisionEvidence(
    QuorumOutcome Quorum,
    int Fall,
    int Rise,
    int StaleAfterIntervals,
    bool Damped,
    int TransitionsInWindow);
