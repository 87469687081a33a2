namespace ControlPlane.Configuration.Silo;

/// <summary>The silo's HTTP API: where it listens, who may call it, and how much.</summary>
/// <param name="Listen">Absolute http or https URL with no path, for example <c>http://127.0.0.1:8480</c>.</param>
public sealed record ApiSettings(Uri Listen)
{
    /// <summary>The environment variable <see cref="BootstrapKeyEnv"/> defaults to.</summary>
    public const string DefaultBootstrapKeyEnv = "CONTROLPLANE_BOOTSTRAP_KEY";

    /// <summary>Absolute path of a file holding a bootstrap admin key (at least 32 characters). Default: none.</summary>
    public string? BootstrapKeyFile { get; init; }

    /// <summary>An environment variable that may hold a bootstrap admin key. Default <c>CONTROLPLANE_BOOTSTRAP_KEY</c>.</summary>
    public string BootstrapKeyEnv { get; init; } = DefaultBootstrapKeyEnv;

    /// <summary>Whether <c>/metrics</c> is served without a key. Default true (Prometheus scrapes without one).</summary>
    public bool OpenMetrics { get; init; } = true;

    /// <summary>Whether the status page and the read-only API calls it makes are served without a key. Default true.</summary>
    public bool OpenStatusPage { get; init; } = true;

    /// <summary>Requests per key (or per address without a key): the sustained rate. Default 50 per second.</summary>
    public int RateLimitPerSecond { get; init; } = 50;

    /// <summary>Requests per key allowed at once above the sustained rate. Default 200.</summary>
    public int RateLimitBurst { get; init; } = 200;

    /// <summary>Largest request body, in bytes. Default 1 MiB.</summary>
    public long MaxRequestBytes { get; init; } = 1 << 20;

    /// <summary>Largest cluster definition a <c>PUT /api/v1/definition</c> accepts, in bytes. Default 16 MiB.</summary>
    public long MaxDefinitionBytes { get; init; } = 16 << 20;
}
