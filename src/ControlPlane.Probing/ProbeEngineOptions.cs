namespace ControlPlane.Probing;

/// <summary>Silo-wide settings of the probe engine; per-check settings live in the check definition.</summary>
public sealed record ProbeEngineOptions
{
    /// <summary>At most this many bytes of a response body are read and matched. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>How long a body regular expression may run on one body before the check fails. Default 100 ms.</summary>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Checks with <c>FreshConnection = false</c> reuse a connection at most this long, so a
    /// renewed server certificate is seen. Default 2 minutes.
    /// </summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An idle pooled connection is closed after this long. Default 60 s.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    internal void Validate()
    {
        if (MaxBodyBytes is < 1 or > 16 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "must be 1 byte .. 16 MiB");
        }

        if (RegexMatchTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RegexMatchTimeout), RegexMatchTimeout, "must be positive");
        }

        if (PooledConnectionLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PooledConnectionLifetime), PooledConnectionLifetime, "must be positive");
        }

        if (PooledConnectionIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PooledConnectionIdleTimeout), PooledConnectionIdleTimeout, "must be positive");
        }
    }
}
