using ControlPlane.Grains;
using ControlPlane.Storage;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Api.Definitions;

/// <summary>Polls the store for a newer cluster definition and makes it this silo's current one.</summary>
public sealed partial class DefinitionWatcher(
    IControlPlaneStore store,
    DefinitionApplier applier,
    ClusterContext cluster,
    ControlPlaneMetrics metrics,
    ILogger<DefinitionWatcher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _failedVersion;

    /// <summary>Loads the latest version if it is newer than the current one; true when the definition changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var latest = await store.Definitions.GetLatestAsync(cancellationToken);
            if (latest is null || (cluster.HasDefinition && cluster.Definition.Version >= latest.Version) || latest.Version == _failedVersion)
            {
                return false;
            }

            var loaded = applier.Load(latest);
            if (!loaded.IsValid)
            {
                _failedVersion = latest.Version;
                LogInvalid(logger, latest.Version, string.Join("; ", loaded.Errors));
                return false;
            }

            var silo = cluster.Silo;
            if (loaded.Value!.Cluster.Regions.All(r => r.Id != silo.Region))
            {
                _failedVersion = latest.Version;
                LogRegionMissing(logger, latest.Version, silo.Region);
                return false;
            }

            cluster.SetDefinition(loaded.Value);
            metrics.DefinitionVersion.WithLabels().Set(latest.Version);
            LogLoaded(logger, latest.Version, latest.AppliedBy, loaded.Value.Cluster.Services.Count, loaded.Value.Cluster.AllEndpoints.Count());
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster definition v{Version} (applied by {AppliedBy}) is now active: {Services} service(s), {Endpoints} endpoint(s)")]
    private static partial void LogLoaded(ILogger logger, long version, string appliedBy, int services, int endpoints);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cluster definition v{Version} cannot be used here and is ignored: {Errors}")]
    private static partial void LogInvalid(ILogger logger, long version, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cluster definition v{Version} does not list this silo's region {Region}; keeping the previous definition")]
    private static partial void LogRegionMissing(ILogger logger, long version, string region);
}
