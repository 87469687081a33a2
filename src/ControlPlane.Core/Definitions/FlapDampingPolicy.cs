namespace ControlPlane.Core.Definitions;

/// <summary>
/// An endpoint whose health changed more than <see cref="MaxTransitions"/> times within
/// <see cref="Window"/> is held unhealthy until it has been stable for <see cref="HoldFor"/>.
/// </summary>
public sealed record FlapDampingPolicy
{
    /// <summary>Default true (docs/drains.md explains the defaults and why they are safe).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Default 4.</summary>
    public int MaxTransitions { get; init; } = 4;

    /// <summary>Default 5 minutes.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Default 2 minutes.</summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromMinutes(2);
}
