using ControlPlane.Core.Model;

namespace ControlPlane.Core.Decisions;

/// <summary>What an endpoint's grain remembers between evaluations; persisted so a restart resumes.</summary>
public sealed record EndpointDecisionState
{
    /// <summary>The health DNS acts on: the quorum result, held down while damped.</summary>
    public EndpointHealth Health { get; init; } = EndpointHealth.Unknown;

    /// <summary>The last health quorum decided, before damping.</summary>
    public EndpointHealth QuorumHealth { get; init; } = EndpointHealth.Unknown;

    public DateTimeOffset? HealthSince { get; init; }

    /// <summary>True while fewer regions report than quorum needs.</summary>
    public bool QuorumAlert { get; init; }

    /// <summary>True while flap damping holds the endpoint unhealthy.</summary>
    public bool Damped { get; init; }

    /// <summary>Times quorum health flipped between Healthy and Unhealthy, within the damping window.</summary>
    public IReadOnlyList<DateTimeOffset> Transitions { get; init; } = [];

    /// <summary>Number of decisions recorded so far; the next decision's sequence is this + 1.</summary>
    public long DecisionSequence { get; init; }

    public static EndpointDecisionState Initial { get; } = new();
}
