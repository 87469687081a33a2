namespace ControlPlane.Configuration.Silo;

/// <summary>
/// The settings of one silo process, local to its machine (unlike the cluster definition, which
/// every silo shares). Every path in it is already absolute.
/// </summary>
public sealed record SiloSettings
{
    /// <summary>Who this silo is and where it runs.</summary>
    public required SiloIdentity Silo { get; init; }

    /// <summary>The HTTP API and status page.</summary>
    public required ApiSettings Api { get; init; }

    /// <summary>Where state is kept.</summary>
    public required StoreSettings Store { get; init; }

    /// <summary>Where the cluster definition comes from at start-up. Default: no file, use the stored definition.</summary>
    public ClusterSettings Cluster { get; init; } = new();

    /// <summary>Default: Information, console only.</summary>
    public LoggingSettings Logging { get; init; } = new();

    /// <summary>Small HTTP targets served by the silo itself for the offline demo. Default: none.</summary>
    public IReadOnlyList<DemoTargetSettings> DemoTargets { get; init; } = [];

    /// <summary>The folder relative paths were resolved against: the settings file's folder.</summary>
    public required string BaseDirectory { get; init; }
}
