using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Core.Decisions;

/// <summary>Applies a quorum outcome to an endpoint's state: health changes, damping, quorum alerts.</summary>
/// <remarks>
/// Quorum health only moves when quorum is <see cref="QuorumState.Decided"/>; a split or an
/// insufficient quorum keeps the last decision (fail safe). Each flip of quorum health between
/// Healthy and Unhealthy is timestamped; more than <c>MaxTransitions</c> flips inside
/// <c>Window</c> damp the endpoint: it is held Unhealthy until quorum health has not flipped
/// for <c>HoldFor</c>, then released with its flip history cleared; both are recorded
/// (<see cref="DecisionKind.Damped"/>, <see cref="DecisionKind.Undamped"/>). The result lists the
/// events to record as decisions, each with the quorum outcome as evidence.
/// </remarks>
public static class EndpointDecisionEngine
{
    public static EndpointEvaluation Evaluate(
        EndpointDecisionState state,
        QuorumOutcome quorum,
        FlapDampingPolicy damping,
        DateTimeOffset now)
    {
        var events = new List<DecisionEvent>(2);
        var quorumHealth = quorum is { State: QuorumState.Decided, Health: { } decided } ? decided : state.QuorumHealth;

        var transitions = state.Transitions.Where(t => now - t <= damping.Window).ToList();
        var flipped = IsFlip(state.QuorumHealth, quorumHealth);
        if (flipped)
        {
            transitions.Add(now);
        }

        var damped = state.Damped;
        if (damping.Enabled && !damped && transitions.Count > damping.MaxTransitions)
        {
            damped = true;
        }
        else if (damped && (!damping.Enabled || now - LastOrMin(transitions, state.Transitions) >= damping.HoldFor))
        {
            damped = false;
            transitions.Clear();
        }

        var health = damped ? EndpointHealth.Unhealthy : quorumHealth;
        if (damped != state.Damped)
        {
            events.Add(damped
                ? new DecisionEvent(DecisionKind.Damped, state.Health, health,
                    $"flapping: {transitions.Count} health changes within {damping.Window.TotalSeconds:0} s (more than {damping.MaxTransitions}): held unhealthy until stable for {damping.HoldFor.TotalSeconds:0} s")
                : new DecisionEvent(DecisionKind.Undamped, state.Health, health,
                    $"stable for {damping.HoldFor.TotalSeconds:0} s: flap damping released"));
        }

        if (health != state.Health)
        {
            events.Add(new DecisionEvent(DecisionKind.HealthChanged, state.Health, health, Reason(quorum, health, damped)));
        }

        var alert = quorum.State == QuorumState.Insufficient;
        if (alert != state.QuorumAlert)
        {
            var kind = alert ? DecisionKind.QuorumLost : DecisionKind.QuorumRestored;
            var reason = alert
                ? $"only {quorum.Reporting} region(s) reporting, {quorum.Required} needed ({quorum.Rule}): health held at {health}"
                : $"{quorum.Reporting} region(s) reporting again ({quorum.Rule})";
            events.Add(new DecisionEvent(kind, health, health, reason));
        }

        var next = state with
        {
            Health = health,
            QuorumHealth = quorumHealth,
            HealthSince = health != state.Health ? now : state.HealthSince ?? now,
            QuorumAlert = alert,
            Damped = damped,
            Transitions = transitions,
            DecisionSequence = state.DecisionSequence + events.Count,
        };
        return new EndpointEvaluation(next, events);
    }

    private static bool IsFlip(EndpointHealth from, EndpointHealth to) =>
        from != to && from != EndpointHealth.Unknown && to != EndpointHealth.Unknown;

    private static DateTimeOffset LastOrMin(List<DateTimeOffset> current, IReadOnlyList<DateTimeOffset> previous) =>
        current.Count > 0 ? current[^1] : previous.Count > 0 ? previous[^1] : DateTimeOffset.MinValue;

    private static string Reason(QuorumOutcome quorum, EndpointHealth health, bool damped)
    {
        if (damped)
        {
            return $"flapping: held unhealthy until stable (quorum says {quorum.Health?.ToString() ?? "nothing new"})";
        }

        var side = health == EndpointHealth.Unhealthy ? quorum.Down : quorum.Up;
        var verdict = health == EndpointHealth.Unhealthy ? "down" : "up";
        return $"{side} of {quorum.Reporting} reporting region(s) say {verdict} ({quorum.Rule})";
    }
}

/// <summary>The endpoint's next state and the decisions to record for this evaluation.</summary>
public sealed record EndpointEvaluation(EndpointDecisionState State, IReadOnlyList<DecisionEvent> Events);

/// <summary>A change worth recording as a decision.</summary>
public sealed record DecisionEvent(DecisionKind Kind, EndpointHealth From, EndpointHealth To, string Reason);
