using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Core.Verdicts;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Placement;
using ControlPlane.Probing;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Storage;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Probe;

/// <summary>Runs one endpoint's check from this silo's region and keeps the region's verdict.</summary>
/// <remarks>
/// The first check fires at a random point within one interval, later ones every interval +/-
/// jitter, so thousands of probes never fire in lockstep. A check is one timer turn: it waits for a
/// slot of the silo's <see cref="ProbeAdmission"/>, runs, applies fall/rise thresholds and schedules
/// the next one (snapshot reads interleave, so a slow target does not block readers). How late the
/// check started is its lag: it is measured, and announced with the verdict, so the endpoint widens
/// its staleness window instead of taking an overloaded region for a silent one. The verdict goes to
/// the endpoint's grain after every check as a one-way message. State is written only when the verdict
/// or the success/failure of results changes, conditioned on its ETag.
/// </remarks>
[GrainType(GrainKinds.Probe), ControlPlanePlacement]
internal sealed partial class ProbeGrain(
    [PersistentState("probe", ControlPlaneGrainStorage.Name)] IPersistentState<ProbeGrainState> state,
    ObservationWriter observations,
    IProbe probe,
    ProbeAdmission admission,
    ProbeLag lag,
    ClusterContext cluster,
    LocalGrains local,
    ControlPlaneMetrics metrics,
    TimeProvider time,
    ILogger<ProbeGrain> logger) : ControlPlaneGrain(local), IProbeGrain
{
    /// <summary>The latest observation is stored at least this often even when nothing changes.</summary>
    private static readonly TimeSpan ObservationRefresh = TimeSpan.FromSeconds(30);

    private DateTimeOffset _observationStoredAt;
    private IGrainTimer? _timer;
    private ProbeSchedule? _schedule;
    private DateTimeOffset _due;
    private DateTimeOffset? _lastStart;
    private TimeSpan _lag;

    private string Key => this.GetPrimaryKeyString();

    private string EndpointId => GrainKeys.IdOf(Key);

    private string Region => GrainKeys.RegionOf(Key) ?? cluster.Silo.Region;

    private ProbeGrainState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (Lookup() is { } found)
        {
            _schedule = ProbeSchedule.For(cluster.Definition.Cluster.CheckFor(found.Service, found.Endpoint), Random.Shared);
            var first = _schedule.FirstDelay();
            _due = time.GetUtcNow() + first;
            _timer = this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions(first, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    public Task<ProbeSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ProbeSnapshot(EndpointId, Region, State.Verdict, State.LastObservation, _lag));

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (Lookup() is not { } found)
        {
            return; // removed from the definition: the keeper retires this grain
        }

        var (service, endpoint) = found;
        var check = cluster.Definition.Cluster.CheckFor(service, endpoint);
        _schedule = _schedule is { } s && s.Interval == check.Interval && s.Jitter == check.Jitter ? s : ProbeSchedule.For(check, Random.Shared);
        var target = new ProbeTarget(EndpointId, Region, endpoint.Address, check.PortFor(endpoint), endpoint.HostName ?? service.Dns.Name.TrimEnd('.'), check, endpoint.AllowLinkLocal, endpoint.Port);
        try
        {
            var observation = await admission.RunAsync(c =>
            {
                _lag = LagAt(time.GetUtcNow(), check);
                return probe.RunAsync(target, c);
            }, cancellationToken);
            lag.Observe(Region, _lag);
            metrics.ProbeDuration.WithLabels(Region, check.Kind.ToString().ToLowerInvariant()).Observe(observation.Duration.TotalSeconds);
            foreach (var (phase, duration) in observation.Phases?.Present() ?? [])
            {
                metrics.ProbePhase.WithLabels(Region, phase).Observe(duration.TotalSeconds);
            }

            metrics.Observations.Inc(service.Id, Region, observation.Outcome.ToString());
            var report = await ApplyAsync(observation, service.Id, service.Health);
            await GrainFactory.GetGrain<IEndpointGrain>(EndpointId).ReportVerdictAsync(report);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (InconsistentStateException e)
        {
            LogFenced(logger, Key, e.Message);
            this.DeactivateOnIdle();
            return;
        }
        catch (Exception e)
        {
            LogCheckFailed(logger, e, Key);
        }

        // After a failure, re-probe at the fast interval until the verdict is down or a check passes.
        var next = FastRecheck.Applies(State.Verdict) ? _schedule.NextDelay(check.EffectiveFastInterval) : _schedule.NextDelay();
        _due = time.GetUtcNow() + next;
        _timer?.Change(next, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// How far this check runs behind its schedule: the larger of how late it starts after its due
    /// time (timer, admission queue) and how much longer than one interval (plus jitter) has passed
    /// since the previous check started (slow turns, store waits, a starved or paused process).
    /// </summary>
    private TimeSpan LagAt(DateTimeOffset now, Core.Definitions.CheckDefinition check)
    {
        var late = now - _due;
        var stretched = _lastStart is { } last ? now - last - (check.Interval * (1 + check.Jitter)) : TimeSpan.Zero;
        _lastStart = now;
        var lag = late > stretched ? late : stretched;
        return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
    }

    private async Task<RegionReport> ApplyAsync(Observation observation, string serviceId, HealthPolicy health)
    {
        var previous = State.Verdict;
        var outcomeChanged = State.LastObservation?.IsSuccess != observation.IsSuccess;
        State.Verdict = VerdictThresholds.Apply(previous, observation.IsSuccess, health.Fall, health.Rise, observation.At);
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
            await state.WriteStateAsync();
        }

        if (outcomeChanged || observation.At - _observationStoredAt >= ObservationRefresh)
        {
            observations.Offer(observation); // stored in the silo's next batch, never on this turn
            _observationStoredAt = observation.At;
        }

        return new RegionReport(Region, State.Verdict.Verdict, observation.At, State.Verdict.ConsecutiveSuccesses, State.Verdict.ConsecutiveFailures, observation,
            _lag > TimeSpan.Zero ? _lag : TimeSpan.Zero);
    }

    private (ServiceDefinition Service, EndpointDefinition Endpoint)? Lookup() =>
        cluster.HasDefinition ? cluster.Definition.Cluster.FindEndpoint(EndpointId) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Region verdict {Endpoint} from {Region}: {From} -> {To} ({Detail})")]
    private static partial void LogVerdictChanged(ILogger logger, string endpoint, string region, Verdict from, Verdict to, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check of probe {Grain} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe {Grain} was fenced out (another activation wrote its state): deactivating. {Detail}")]
    private static partial void LogFenced(ILogger logger, string grain, string detail);
}
