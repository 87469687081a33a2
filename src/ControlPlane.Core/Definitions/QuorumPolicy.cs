namespace ControlPlane.Core.Definitions;

/// <summary>Which quorum rule decides an endpoint's health from its regions' verdicts.</summary>
public enum QuorumMode
{
    /// <summary>More than half of the configured regions must agree.</summary>
    Majority,

    /// <summary><see cref="QuorumPolicy.Count"/> regions must agree (N of M).</summary>
    NOfM,

    /// <summary>
    /// Route 53 style: healthy when at least <see cref="QuorumPolicy.HealthyPercentage"/> of the
    /// reporting regions say Up, unhealthy otherwise.
    /// </summary>
    HealthyPercentage,
}

/// <summary>The quorum rule and its parameters.</summary>
public sealed record QuorumPolicy
{
    /// <summary>Default <see cref="QuorumMode.Majority"/>.</summary>
    public QuorumMode Mode { get; init; } = QuorumMode.Majority;

    /// <summary>For <see cref="QuorumMode.NOfM"/>: regions that must agree. Default 2.</summary>
    public int Count { get; init; } = 2;

    /// <summary>For <see cref="QuorumMode.HealthyPercentage"/>: 1..100. Default 50 (Route 53 uses 18% of its 8+ checkers).</summary>
    public int HealthyPercentage { get; init; } = 50;

    /// <summary>
    /// For <see cref="QuorumMode.HealthyPercentage"/>: fewest reporting regions needed to decide
    /// at all. Default 2.
    /// </summary>
    public int MinReporting { get; init; } = 2;
}
