namespace ControlPlane.Core.Definitions;

/// <summary>How observations become a region's verdict and verdicts become the endpoint's health.</summary>
public sealed record HealthPolicy
{
    /// <summary>Consecutive failures before a region says Down. Default 2.</summary>
    public int Fall { get; init; } = 2;

    /// <summary>Consecutive successes before a region says Up. Default 2.</summary>
    public int Rise { get; init; } = 2;

    /// <summary>A region with no observation for this many check intervals is not reporting. Default 3.</summary>
    public int StaleAfterIntervals { get; init; } = 3;

    /// <summary>How many reporting regions must agree. Default: majority of configured regions.</summary>
    public QuorumPolicy Quorum { get; init; } = new();

    /// <summary>Holding a flapping endpoint down. Default: enabled, more than 4 changes in 5 minutes, held for 2 minutes.</summary>
    public FlapDampingPolicy FlapDamping { get; init; } = new();

    public static HealthPolicy Default { get; } = new();
}
