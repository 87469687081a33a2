namespace ControlPlane.Runtime;

/// <summary>Timing of shard leases.</summary>
public sealed record LeaseOptions
{
    /// <summary>How long a lease lasts without renewal; bounds takeover time after a crash. Default 6 s.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How often held leases are renewed and missing ones retried. Default 2 s.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A lease is treated as lost locally this long before its expiry if no renewal succeeded,
    /// covering clock drift between silo and store. Default 1 s.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);
}
