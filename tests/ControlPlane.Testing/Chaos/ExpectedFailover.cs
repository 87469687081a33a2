namespace ControlPlane.Testing.Chaos;

/// <summary>
/// A quorum-down interval of one endpoint during which the cluster could act long enough for a
/// removal from DNS to be owed, and what became of it.
/// </summary>
/// <param name="QuorumDownAt">When a quorum of regions started to see the endpoint down (t0).</param>
/// <param name="CouldActFrom">The start of the first stretch, at or after <paramref name="QuorumDownAt"/>, in which the cluster could act for the whole act bound (ta).</param>
/// <param name="Deadline"><paramref name="CouldActFrom"/> plus the act bound: by then the endpoint must have left the served record.</param>
/// <param name="RemovedAt">The first time after <paramref name="QuorumDownAt"/>, while still quorum-down, the endpoint was absent from the served record, even when late; null when never.</param>
public sealed record ExpectedFailover(
    string Service,
    string Endpoint,
    TimeSpan QuorumDownAt,
    TimeSpan CouldActFrom,
    TimeSpan Deadline,
    TimeSpan? RemovedAt,
    FailoverOutcome Outcome)
{
    /// <summary>From <see cref="CouldActFrom"/> to <see cref="RemovedAt"/>, zero when removed before the cluster could act; null when never removed.</summary>
    public TimeSpan? TimeToAct => RemovedAt is { } removed ? (removed > CouldActFrom ? removed - CouldActFrom : TimeSpan.Zero) : null;
}
