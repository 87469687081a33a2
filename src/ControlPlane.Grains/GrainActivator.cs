using ControlPlane.Runtime;
using ControlPlane.Storage;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains;

/// <summary>Keeps active exactly the grains of the current definition whose shards this silo owns.</summary>
/// <remarks>
/// Probe and endpoint grains work on timers, so they must be active without being called (like
/// Orleans reminders). Each sync activates every wanted grain of an owned shard, deactivates
/// grains that left the definition, and is cheap when nothing changed; it runs after every
/// definition change and every lease round, which is how grains resume on a silo that has just
/// taken a shard over.
/// </remarks>
public sealed partial class GrainActivator(GrainRuntime runtime, ClusterContext cluster, ControlPlaneMetrics metrics, ILogger<GrainActivator> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Every grain the definition calls for that this silo could host (its own region's probes, and all other grains); only those of owned shards are activated.</summary>
    public IReadOnlySet<GrainId> Wanted()
    {
        var definition = cluster.Definition.Cluster;
        var wanted = new HashSet<GrainId>();
        foreach (var service in definition.Services)
        {
            wanted.Add(new GrainId(GrainKinds.Service, service.Id));
            foreach (var endpoint in service.Endpoints)
            {
                wanted.Add(new GrainId(GrainKinds.Endpoint, endpoint.Id));
                wanted.Add(new GrainId(GrainKinds.Probe, GrainKeys.RegionAffine(endpoint.Id, cluster.Silo.Region)));
            }
        }

        foreach (var datacenter in definition.Datacenters)
        {
            wanted.Add(new GrainId(GrainKinds.Datacenter, datacenter.Id));
        }

        return wanted;
    }

    /// <summary>Every shard of the cluster: each region's probe shards, and all shards of the other kinds. Placement picks this silo's among them.</summary>
    public IEnumerable<string> AllShards() =>
        (cluster.HasDefinition ? cluster.Definition.Cluster.Regions.Select(r => r.Id) : [cluster.Silo.Region])
            .SelectMany(region => runtime.Shards.ShardsOf(GrainKinds.Probe, region))
            .Concat(runtime.Shards.ShardsOf(GrainKinds.Endpoint))
            .Concat(runtime.Shards.ShardsOf(GrainKinds.Service))
            .Concat(runtime.Shards.ShardsOf(GrainKinds.Datacenter));

    public async Task SyncAsync()
    {
        if (!cluster.HasDefinition)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            var wanted = Wanted();
            var active = runtime.ActiveGrains.ToHashSet();
            foreach (var grain in active.Where(g => !wanted.Contains(g)))
            {
                await runtime.DeactivateAsync(grain);
            }

            // Concurrently, so one slow activation never holds the others back.
            await Task.WhenAll(wanted.Where(g => !active.Contains(g) && runtime.Owns(g)).Select(ActivateAsync));

            foreach (var kind in new[] { GrainKinds.Probe, GrainKinds.Endpoint, GrainKinds.Service, GrainKinds.Datacenter })
            {
                metrics.ActiveGrains.WithLabels(kind).Set(runtime.ActiveGrains.Count(g => g.Kind == kind));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ActivateAsync(GrainId grain)
    {
        try
        {
            await runtime.EnsureActiveAsync(grain);
        }
        catch (Exception e) when (e is ShardNotOwnedException or FenceLostException)
        {
            LogNotActivated(logger, grain, e.Message);
        }
        catch (Exception e)
        {
            LogActivationFailed(logger, e, grain);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activating grain {Grain} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain {Grain} not activated here: {Reason}")]
    private static partial void LogNotActivated(ILogger logger, GrainId grain, string reason);
}
