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

    /// <summary>A drain began: the endpoint left the desired record set (evidence: <see cref="Decision.Drain"/>, <see cref="Decision.Budget"/>).</summary>
    DrainStarted,

    /// <summary>DNS no longer serves a draining endpoint and the record's TTL has passed since.</summary>
    Drained,

    /// <summary>An undrain began: the endpoint is back in the desired record set.</summary>
    UndrainStarted,

    /// <summary>An undrained endpoint is healthy after <c>rise</c> successes and served by DNS again.</summary>
    Restored,

    /// <summary>A drain was refused: it would exceed the service's disruption budget (evidence: <see cref="Decision.Budget"/>).</summary>
    DrainRefused,

    /// <summary>A drain over the disruption budget went ahead because it was forced (evidence: <see cref="Decision.Budget"/>).</summary>
    DrainForced,

    /// <summary>A maintenance window opened for this endpoint (drain or mute).</summary>
    MaintenanceStarted,

    /// <summary>A maintenance window closed for this endpoint.</summary>
    MaintenanceEnded,

    /// <summary>A datacenter evacuation began; recorded for each endpoint it drains.</summary>
    EvacuationStarted,

    /// <summary>Every endpoint an evacuation drained is drained.</summary>
    Evacuated,

    /// <summary>An evacuated datacenter was restored; recorded for each endpoint it undrains.</summary>
    EvacuationRestored,

    /// <summary>Flap damping started holding the endpoint unhealthy.</summary>
    Damped,

    /// <summary>Flap damping released the endpoint.</summary>
    Undamped,
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
    string? Actor = null)
{
    /// <summary>The drain this decision is about (drain, undrain, evacuation and maintenance kinds).</summary>
    public DrainEvidence? Drain { get; init; }

    /// <summary>The disruption budget check behind a drain, a refusal or a forced override.</summary>
    public Drains.BudgetVerdict? Budget { get; init; }

    /// <summary>
    /// Taken while a <c>mute</c> maintenance window covered the endpoint: alerting (webhooks) should
    /// not page for it. The decision is still recorded and DNS still acts on it.
    /// </summary>
    public bool Muted { get; init; }
}

/// <summary>Which drain a decision belongs to and where it stood.</summary>
/// <param name="Origin"><c>api</c>, <c>evacuation:{id}</c> or <c>maintenance:{id}</c>.</param>
public sealed record DrainEvidence(string DrainId, string State, bool Forced, string Origin);

/// <summary>Why a decision was taken: every region's verdict, the thresholds and the quorum rule.</summary>
public sealed record DecisionEvidence(
    QuorumOutcome Quorum,
    int Fall,
    int Rise,
    int StaleAfterIntervals,
    bool Damped,
    int TransitionsInWindow);
