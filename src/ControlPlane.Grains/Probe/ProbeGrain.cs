using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Core.Verdicts;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Probing;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Runtime;
using ControlPlane.Storage;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Probe;

/// <summary>Runs one endpoint's check from this silo's region and keeps the region's verdict.</summary>
/// <remarks>
/// The first check fires at a random point within one interval, later ones every interval
/// +/- jitter, so thousands of probes never fire in lockstep. The check itself runs outside the
/// grain's turn (a slow target does not block readers); its result is applied in a turn:
/// fall/rise thresholds update the verdict and the next check is scheduled; then, outside the
/// turn, the verdict goes to the endpoint's grain after every check (so the endpoint can tell a
/// silent region from a stale one), wherever that grain lives. The store is written only when the
/// verdict or the success/failure of results changes.
/// </remarks>
internal sealed partial class ProbeGrain(
    IGrainStateStore store,
    IObservationStore observations,
    IProbe probe,
    ClusterContext cluster,
    ControlPlaneMetrics metrics,
    ILogger<ProbeGrain> logger) : PersistentGrain<ProbeGrainState>(store), IProbeGrain
{
    /// <summary>The latest observation is stored at least this often even when nothing changes.</summary>
    private static readonly TimeSpan ObservationRefresh = TimeSpan.FromSeconds(30);

    private DateTimeOffset _observationStoredAt;
    private IDisposable? _timer;

    private string EndpointId => GrainKeys.IdOf(Id);

    private string Region => GrainKeys.RegionOf(Id) ?? cluster.Silo.Region;

    protected override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        var check = cluster.Definition.Cluster.FindEndpoint(EndpointId) is { } found
            ? cluster.Definition.Cluster.CheckFor(found.Service, found.Endpoint)
            : null;
        if (check is not null)
        {
            Schedule(ProbeSchedule.For(check, Random.Shared).FirstDelay());
        }
    }

    public Task<ProbeSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ProbeSnapshot(EndpointId, Region, State.Verdict, State.LastObservation));

    private void Schedule(TimeSpan delay)
    {
        _timer?.Dispose();
        _timer = RegisterTimer(StartCheckAsync, delay, Timeout.InfiniteTimeSpan);
    }

    private Task StartCheckAsync()
    {
        if (cluster.Definition.Cluster.FindEndpoint(EndpointId) is not { } found)
        {
            return Task.CompletedTask; // removed from the definition; the activator deactivates this grain
        }

        var check = cluster.Definition.Cluster.CheckFor(found.Service, found.Endpoint);
        var endpoint = found.Endpoint;
        var target = new ProbeTarget(EndpointId, Region, endpoint.Address, check.PortFor(endpoint), endpoint.HostName ?? found.Service.Dns.Name.TrimEnd('.'), check, endpoint.AllowLinkLocal);
        var serviceId = found.Service.Id;
        var health = found.Service.Health;
        _ = Task.Run(async () =>
        {
            Observation observation;
            try
            {
                observation = await probe.RunAsync(target, Deactivating);
            }
            catch (OperationCanceledException) when (Deactivating.IsCancellationRequested)
            {
                return;
            }

            metrics.ProbeDuration.WithLabels(Region, check.Kind.ToString().ToLowerInvariant()).Observe(observation.Duration.TotalSeconds);
            metrics.Observations.Inc(serviceId, EndpointId, Region, observation.Outcome.ToString());
            RegionReport? report = null;
            try
            {
                await RunInTurnAsync(async () =>
                {
                    report = await ApplyAsync(observation, serviceId, health.Fall, health.Rise);
                    Schedule(ProbeSchedule.For(check, Random.Shared).NextDelay());
                });
            }
            catch (Exception e) when (e is GrainDeactivatedException or FenceLostException)
            {
                return;
            }
            catch (Exception e)
            {
                LogApplyFailed(logger, e, Id);
                await RescheduleAsync(check);
                return;
            }

            // Outside the turn: the endpoint grain may be on another silo, or moving.
            try
            {
                await GrainFactory.Get<IEndpointGrain>(EndpointId).ReportVerdictAsync(report!);
            }
            catch (Exception e) when (!Deactivating.IsCancellationRequested)
            {
                LogReportFailed(logger, EndpointId, Region, e.Message);
            }
        });
        return Task.CompletedTask;
    }

    private async Task RescheduleAsync(Core.Definitions.CheckDefinition check)
    {
        try
        {
            await RunInTurnAsync(() =>
            {
                Schedule(ProbeSchedule.For(check, Random.Shared).NextDelay());
                return Task.CompletedTask;
            });
        }
        catch (GrainDeactivatedException)
        {
        }
    }

    private async Task<RegionReport> ApplyAsync(Observation observation, string serviceId, int fall, int rise)
    {
        var previous = State.Verdict;
        var outcomeChanged = State.LastObservation?.IsSuccess != observation.IsSuccess;
        State.Verdict = VerdictThresholds.Apply(previous, observation.IsSuccess, fall, rise, observation.At);
        State.LastObservation = observation;

        if (State.Verdict.Verdict != previous.Verdict)
        {
            LogVerdictChanged(logger, EndpointId, Region, previous.Verdict, State.Verdict.Verdict, observation.Detail);
            foreach (var verdict in new[] { Verdict.Up, Verdict.Down, Verdict.Unknown })
            {
                metrics.RegionVerdict.WithLabels(serviceId, EndpointId, Region, verdict.ToString().ToLowerInvariant()).Set(verdict == State.Verdict.Verdict ? 1 : 0);
            }
        }

        if (State.Verdict.Verdict != previous.Verdict || outcomeChanged)
        {
            await CommitAsync();
        }

        if (outcomeChanged || observation.At - _observationStoredAt >= ObservationRefresh)
        {
            await observations.UpsertLatestAsync(observation, CancellationToken.None);
            _observationStoredAt = observation.At;
        }

        return new RegionReport(Region, State.Verdict.Verdict, observation.At, State.Verdict.ConsecutiveSuccesses, State.Verdict.ConsecutiveFailures, observation);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Region verdict {Endpoint} from {Region}: {From} -> {To} ({Detail})")]
    private static partial void LogVerdictChanged(ILogger logger, string endpoint, string region, Verdict from, Verdict to, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the verdict on {Endpoint} from {Region} failed: {Error}")]
    private static partial void LogReportFailed(ILogger logger, string endpoint, string region, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying an observation in {Grain} failed")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, ControlPlane.Storage.GrainId grain);
}
