using ControlPlane.Grains.Datacenter;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Maintenance;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Probe;
using ControlPlane.Grains.Service;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ControlPlane.Grains.Hosting;

/// <summary>Keeps every grain of the definition active on the silo where it belongs, on every silo, after every change.</summary>
/// <remarks>
/// Probe and endpoint grains work on timers, so something must activate them (Orleans activates a
/// grain only when it is called). Each silo runs a keeper. A sweep computes, for every grain the
/// definition calls for, the silo <see cref="GrainPlacement"/> chooses among the active silos; the
/// grains chosen for this silo are pinged (<see cref="IControlPlaneGrain.KeepAliveAsync"/>), which
/// activates them here through the same placement. Local activations that left the definition are
/// retired; local activations that now belong elsewhere (a silo joined) are retired and pinged again,
/// so placement starts them on their new silo at once. A sweep runs when the definition changes, when
/// membership changes (a dead silo's grains restart on the survivors within one sweep of its death
/// being declared), and every <see cref="SweepEvery"/> as a safety net. Sweeps are cheap when nothing changed:
/// pings to active local grains never leave the silo.
/// </remarks>
public sealed partial class GrainKeeper(
    IGrainFactory grains,
    IClusterMembershipService membership,
    SiloRegions regions,
    ClusterContext cluster,
    LocalGrains local,
    TimeProvider time,
    ILogger<GrainKeeper> logger)
{
    /// <summary>Sweep at least this often.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(15);

    private const int MaxConcurrentPings = 64;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>Asks for a sweep soon (coalesced with others already asked for).</summary>
    public void RequestSweep()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        cluster.DefinitionChanged += _ => RequestSweep();
        _ = WatchMembershipAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(cancellationToken);
                await _wake.WaitAsync(SweepEvery, cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken); // let bursts of changes coalesce
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One sweep: ping the grains that belong here, retire the misplaced and the unwanted.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!cluster.HasDefinition)
        {
            return;
        }

        var silos = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();
        var self = regions.LocalSilo;
        if (!silos.Contains(self))
        {
            return; // not (or no longer) an active member: act on nothing
        }

        var wanted = Wanted().ToHashSet();
        var mine = wanted.Where(g => self.Equals(GrainPlacement.Choose(g, silos, regions.RegionOf))).ToList();
        var misplaced = new List<GrainId>();
        var unwanted = new List<GrainId>();
        foreach (var grain in local.Active)
        {
            if (!wanted.Contains(grain))
            {
                unwanted.Add(grain);
            }
            else if (GrainPlacement.Choose(grain, silos, regions.RegionOf) is { } target && !target.Equals(self))
            {
                misplaced.Add(grain);
            }
        }

        await ForEachAsync(unwanted.Concat(misplaced), g => Reference(g).RetireAsync(), cancellationToken);
        if (misplaced.Count > 0)
        {
            // A ping that reaches the retiring activation only keeps it busy; once it is gone, the ping
            // goes through placement again and starts the grain where it belongs.
            await WaitUntilGoneAsync(misplaced, cancellationToken);
        }

        await ForEachAsync(mine.Concat(misplaced), g => Reference(g).KeepAliveAsync(), cancellationToken);
        if (misplaced.Count + unwanted.Count > 0)
        {
            LogMoved(logger, misplaced.Count, unwanted.Count);
        }

    }

    /// <summary>Every grain the definition calls for, in every region.</summary>
    private IEnumerable<GrainId> Wanted()
    {
        var definition = cluster.Definition.Cluster;
        foreach (var service in definition.Services)
        {
            yield return Id(GrainKinds.Service, service.Id);
            foreach (var endpoint in service.Endpoints)
            {
                yield return Id(GrainKinds.Endpoint, endpoint.Id);
                foreach (var region in definition.Regions)
                {
                    yield return Id(GrainKinds.Probe, GrainKeys.RegionAffine(endpoint.Id, region.Id));
                }
            }
        }

        foreach (var datacenter in definition.Datacenters)
        {
            yield return Id(GrainKinds.Datacenter, datacenter.Id);
        }

        yield return Id(GrainKinds.Maintenance, IMaintenanceGrain.Key);
    }

    private static GrainId Id(string kind, string key) => GrainId.Create(kind, key);

    private IControlPlaneGrain Reference(GrainId grain)
    {
        var key = grain.Key.ToString()!;
        return grain.Type.ToString() switch
        {
            GrainKinds.Probe => grains.GetGrain<IProbeGrain>(key),
            GrainKinds.Endpoint => grains.GetGrain<IEndpointGrain>(key),
            GrainKinds.Service => grains.GetGrain<IServiceGrain>(key),
            GrainKinds.Maintenance => grains.GetGrain<IMaintenanceGrain>(key),
            _ => grains.GetGrain<IDatacenterGrain>(key),
        };
    }

    private async Task ForEachAsync(IEnumerable<GrainId> grainIds, Func<GrainId, Task> call, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(grainIds, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPings, CancellationToken = cancellationToken }, async (grain, _) =>
        {
            try
            {
                await call(grain);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogPingFailed(logger, grain, e.Message);
            }
        });
    }

    private async Task WatchMembershipAsync(CancellationToken cancellationToken)
    {
        try
        {
            var seen = MembershipVersion.MinValue;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                if (snapshot.Version > seen)
                {
                    seen = snapshot.Version;
                    LogMembership(logger, snapshot.Version.Value, snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active));
                    RequestSweep();

                    // A joining silo's metadata and grain manifest reach the others a little after its row
                    // does; until then placement cannot use it. Sweep again shortly so grains that belong
                    // on it move without waiting for the safety sweep.
                    _ = SweepAgainAsync(TimeSpan.FromSeconds(2), cancellationToken);
                    _ = SweepAgainAsync(TimeSpan.FromSeconds(6), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitUntilGoneAsync(IReadOnlyCollection<GrainId> retiring, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        while (retiring.Any(local.Contains) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    private async Task SweepAgainAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        await Task.Delay(after, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!cancellationToken.IsCancellationRequested)
        {
            RequestSweep();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain keeper sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain keeper: retired {Misplaced} misplaced grain(s) (restarted where they belong) and {Unwanted} grain(s) no longer in the definition")]
    private static partial void LogMoved(ILogger logger, int misplaced, int unwanted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain keeper could not reach {Grain}: {Error}")]
    private static partial void LogPingFailed(ILogger logger, GrainId grain, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership version {Version}: {Active} active silo(s)")]
    private static partial void LogMembership(ILogger logger, long version, int active);
}
