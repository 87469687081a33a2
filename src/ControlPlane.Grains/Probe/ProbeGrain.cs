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
/// jitter, so thousands of probes never fire in lockstep. The schedule is a loop started on
/// activation: it waits on the silo's <see cref="TimerWheel"/> (one timer for every probe, instead
/// of a grain timer each, whose changes and firings contend on the .NET timer queue), then runs the
/// check off the grain's scheduler (the engine's awaits would otherwise each be a grain turn), waiting
/// for a slot of the silo's <see cref="ProbeAdmission"/>; back on the grain it applies fall/rise
/// thresholds and waits for the next one. Snapshot reads interleave, so a slow target does not block
/// readers. How late the check started is its lag: it is measured, and announced with the verdict,
/// so the endpoint widens its staleness window instead of taking an overloaded region for a silent
/// one. The verdict goes to the endpoint's grain after every check as a one-way message. State is
/// written only when the verdict or the success/failure of results changes, conditioned on its ETag.
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

    private readonly CancellationTokenSource _stop = new();
    private DateTimeOffset _observationStoredAt;
    private ProbeSchedule? _schedule;
    private DateTimeOffset _due;
    private DateTimeOffset? _lastStart;
    private TimeSpan _lag;
    private string _endpointId = "";
    private string _region = "";
    private ActiveDefinition? _lookedUpIn;
    private (ServiceDefinition Service, EndpointDefinition Endpoint)? _found;
    private LabelledHistogram.Series? _duration;
    private LabelledCounter.Series? _successes;
    private readonly Dictionary<string, LabelledHistogram.Series> _phases = [];

    private string EndpointId => _endpointId;

    private string Region => _region;

    private ProbeGrainState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        var key = this.GetPrimaryKeyString();
        _endpointId = GrainKeys.IdOf(key);
        _region = GrainKeys.RegionOf(key) ?? cluster.Silo.Region;
        if (Lookup() is { } found)
        {
            SetVerdictGauge(found.Service.Id);
            _schedule = ProbeSchedule.For(cluster.Definition.Cluster.CheckFor(found.Service, found.Endpoint), Random.Shared);
            var first = _schedule.FirstDelay();
            _due = time.GetUtcNow() + first;
            _ = RunScheduleAsync(first, _stop.Token); // runs on this activation's scheduler, one turn per check
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stop.Cancel();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<ProbeSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ProbeSnapshot(EndpointId, Region, State.Verdict, State.LastObservation, _lag));

    private async Task RunScheduleAsync(TimeSpan first, CancellationToken stop)
    {
        var wheel = TimerWheel.For(time);
        var delay = first;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await wheel.DelayAsync(delay, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await CheckAsync(stop) is not { } next)
            {
                return;
            }

            delay = next;
        }
    }

    /// <summary>Runs one check; returns the wait until the next, or null when this activation stops probing.</summary>
    private async Task<TimeSpan?> CheckAsync(CancellationToken cancellationToken)
    {
        if (Lookup() is not { } found)
        {
            return null; // removed from the definition: the keeper retires this grain
        }

        var (service, endpoint) = found;
        var check = cluster.Definition.Cluster.CheckFor(service, endpoint);
        _schedule = _schedule is { } s && s.Interval == check.Interval && s.Jitter == check.Jitter ? s : ProbeSchedule.For(check, Random.Shared);
        var target = new ProbeTarget(EndpointId, Region, endpoint.Address, check.PortFor(endpoint), endpoint.HostName ?? service.Dns.Name.TrimEnd('.'), check, endpoint.AllowLinkLocal, endpoint.Port);
        try
        {
            // Off the grain's scheduler: only the result comes back to this activation.
            var (observation, checkLag) = await Task.Run(
                () => admission.RunAsync(async c =>
                {
                    var started = LagAt(time.GetUtcNow(), check);
                    return (await probe.RunAsync(target, c), started);
                }, cancellationToken),
                cancellationToken);
            // The gap a streak survives: the staleness window, widened by the lag the probe already ran at
            // (an overloaded silo stretches its probes), not by the lag this check found (a pause).
            var maxGap = (check.Interval * service.Health.StaleAfterIntervals) + _lag;
            _lag = checkLag;
            lag.Observe(Region, _lag);
            RecordMetrics(observation, service.Id, check.Kind);
            var report = await ApplyAsync(observation, service.Id, service.Health, maxGap);
            await GrainFactory.GetGrain<IEndpointGrain>(EndpointId).ReportVerdictAsync(report); // one-way: returns at once
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (InconsistentStateException e)
        {
            LogFenced(logger, Key, e.Message);
            this.DeactivateOnIdle();
            return null;
        }
        catch (Exception e)
        {
            LogCheckFailed(logger, e, Key);
        }

        // After a failure, re-probe at the fast interval until the verdict is down or a check passes.
        var next = FastRecheck.Applies(State.Verdict) ? _schedule.NextDelay(check.EffectiveFastInterval) : _schedule.NextDelay();
        _due = time.GetUtcNow() + next;
        return next;
    }

    /// <summary>Duration, phases and outcome of one check; the series this probe uses every time are built once per definition.</summary>
    private void RecordMetrics(Observation observation, string serviceId, CheckKind kind)
    {
        (_duration ??= metrics.ProbeDuration.WithLabels(Region, kind.ToString().ToLowerInvariant())).Observe(observation.Duration.TotalSeconds);
        foreach (var (phase, duration) in observation.Phases?.Present() ?? [])
        {
            if (!_phases.TryGetValue(phase, out var series))
            {
                _phases[phase] = series = metrics.ProbePhase.WithLabels(Region, phase);
            }

            series.Observe(duration.TotalSeconds);
        }

        if (observation.IsSuccess)
        {
            (_successes ??= metrics.Observations.WithLabels(serviceId, Region, observation.Outcome.ToString())).Inc();
        }
        else
        {
            metrics.Observations.Inc(serviceId, Region, observation.Outcome.ToString());
        }
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

    private async Task<RegionReport> ApplyAsync(Observation observation, string serviceId, HealthPolicy health, TimeSpan maxGap)
    {
        var previous = State.Verdict;
        var outcomeChanged = State.LastObservation?.IsSuccess != observation.IsSuccess;
        var resumed = VerdictThresholds.Resume(previous, State.LastObservation?.At, observation.At, maxGap);
        State.Verdict = VerdictThresholds.Apply(resumed, observation.IsSuccess, health.Fall, health.Rise, observation.At);
        State.LastObservation = observation;

        if (State.Verdict.Verdict != previous.Verdict)
        {
            LogVerdictChanged(logger, EndpointId, Region, previous.Verdict, State.Verdict.Verdict, observation.Detail);
            SetVerdictGauge(serviceId);
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

    /// <summary>One series per verdict, 1 for the current one; set on activation too, so a grain that moved silos is exported by its new one.</summary>
    private void SetVerdictGauge(string serviceId)
    {
        foreach (var verdict in new[] { Verdict.Up, Verdict.Down, Verdict.Unknown })
        {
            metrics.RegionVerdict.WithLabels(serviceId, EndpointId, Region, verdict.ToString().ToLowerInvariant()).Set(verdict == State.Verdict.Verdict ? 1 : 0);
        }
    }

    private string Key => this.GetPrimaryKeyString();

    /// <summary>This endpoint in the current definition, looked up again only when the definition changes.</summary>
    private (ServiceDefinition Service, EndpointDefinition Endpoint)? Lookup()
    {
        if (!cluster.HasDefinition)
        {
            return null;
        }

        var definition = cluster.Definition;
        if (!ReferenceEquals(definition, _lookedUpIn))
        {
            _found = definition.Cluster.FindEndpoint(EndpointId);
            _lookedUpIn = definition;
            _duration = null;
            _successes = null;
            _phases.Clear();
        }

        return _found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Region verdict {Endpoint} from {Region}: {From} -> {To} ({Detail})")]
    private static partial void LogVerdictChanged(ILogger logger, string endpoint, string region, Verdict from, Verdict to, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check of probe {Grain} failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe {Grain} was fenced out (another activation wrote its state): deactivating. {Detail}")]
    private static partial void LogFenced(ILogger logger, string grain, string detail);
}
