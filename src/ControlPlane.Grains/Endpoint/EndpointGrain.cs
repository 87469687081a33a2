using System.Globalization;
using ControlPlane.Core.Decisions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Core.Webhooks;
using ControlPlane.Grains.Datacenter;
using ControlPlane.Grains.Endpoint.History;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Service;
using ControlPlane.Grains.Webhooks;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Endpoint;

/// <summary>Decides one endpoint's health by quorum over the regions' verdicts and records each decision with its evidence.</summary>
/// <remarks>
/// Every region's report and a timer (once per check interval, so a region that falls silent turns
/// stale on time) trigger an evaluation: the pure <see cref="QuorumEvaluator"/> and
/// <see cref="EndpointDecisionEngine"/> say what changed, and the new state is written with the
/// resulting decisions in one ETag-conditioned write. Activation starts with a write that bumps the
/// epoch, so an older activation still running elsewhere (a duplicate during a membership change, or
/// a paused silo) fails its next write and is dropped. Decision ids continue the stored sequence, so a
/// moved grain never records a decision twice. After activation the grain waits until every region has
/// a decided verdict again, or until the staleness window plus the thresholds have passed, before it
/// evaluates, so a restart does not look like regions going silent.
/// </remarks>
[GrainType(GrainKinds.Endpoint), ControlPlanePlacement]
internal sealed partial class EndpointGrain(
    [PersistentState("endpoint", ControlPlaneGrainStorage.Name)] IPersistentState<EndpointGrainState> state,
    ClusterContext cluster,
    LocalGrains local,
    ControlPlaneMetrics metrics,
    TimeProvider time,
    WebhookDelivering webhooks,
    ILogger<EndpointGrain> logger) : ControlPlaneGrain(local), IEndpointGrain, IWebhookOutboxGrain
{
    /// <summary>The status is sent to the service and datacenter again at least this often (their copies are derived state).</summary>
    private static readonly TimeSpan RepublishEvery = TimeSpan.FromSeconds(30);

    /// <summary>After activation, too few reporting regions is not called a lost quorum for this long (probe grains may still be starting).</summary>
    private static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _insufficientSince;

    private readonly HashSet<string> _decidedSinceActivation = [];
    private DateTimeOffset _activatedAt;
    private DateTimeOffset _publishedAt;
    private QuorumOutcome? _lastQuorum;
    private CheckHistory? _history;
    private WebhookDispatcher? _webhooks;

    private string EndpointId => this.GetPrimaryKeyString();

    private EndpointGrainState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.Epoch++;
        await state.WriteStateAsync(); // the fence: any older activation's next write now fails
        await base.OnActivateAsync(cancellationToken);
        _webhooks = webhooks.For(State.Webhooks, GrainKinds.Endpoint, EndpointId);
        _webhooks.Start(this, () => FencedAsync(async () => { await state.WriteStateAsync(); return true; }));
        _activatedAt = time.GetUtcNow();
        _history = new CheckHistory(_activatedAt);
        if (Lookup() is { } found)
        {
            var interval = cluster.Definition.Cluster.CheckFor(found.Service, found.Endpoint).Interval;
            this.RegisterGrainTimer(EvaluateAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });

            // Tell the service and datacenter in a later turn, not during activation.
            this.RegisterGrainTimer(_ => PublishCurrentStatusAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
            KeepDrainTimer(); // a drain in progress continues where the last activation left it
        }
    }

    public async Task ReportVerdictAsync(RegionReport report)
    {
        if (report.LastObservation is { } observation)
        {
            _history?.Record(observation);
        }

        if (State.Reports.TryGetValue(report.Region, out var newer) && newer.ReportedAt > report.ReportedAt)
        {
            return; // overtaken by a later report from the same region
        }

        if (report.Verdict != Verdict.Unknown)
        {
            _decidedSinceActivation.Add(report.Region);
        }

        CountSuccessSinceUndrain(report);

        var verdictChanged = !State.Reports.TryGetValue(report.Region, out var previous) || previous.Verdict != report.Verdict;
        State.Reports[report.Region] = report;
        if (!await FencedAsync(EvaluateCoreAsync) && verdictChanged)
        {
            await FencedAsync(async () => { await state.WriteStateAsync(); return true; });
        }
    }

    public Task<EndpointSnapshot> GetSnapshotAsync()
    {
        var serviceId = Lookup()?.Service.Id ?? string.Empty;
        var d = State.Decision;
        return Task.FromResult(new EndpointSnapshot(EndpointId, serviceId, d.Health, d.HealthSince, d.QuorumAlert, d.Damped, State.Drain, _lastQuorum ?? Quorum(), cluster.Silo.Id, State.Mute));
    }

    public Task<IReadOnlyList<WebhookDelivery>> GetWebhookDeliveriesAsync() => Task.FromResult(_webhooks?.Deliveries() ?? []);

    public async Task<bool> ReplayWebhookAsync(string deliveryId)
    {
        if (_webhooks?.Replay(deliveryId) != true)
        {
            return false;
        }

        await FencedAsync(async () => { await state.WriteStateAsync(); return true; });
        return true;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _webhooks?.Stop();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<CheckHistorySnapshot> GetCheckHistoryAsync() =>
        Task.FromResult((_history ?? new CheckHistory(_activatedAt)).Read(time.GetUtcNow()));

    private async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        await FencedAsync(EvaluateCoreAsync);
        if (time.GetUtcNow() - _publishedAt >= RepublishEvery)
        {
            await PublishCurrentStatusAsync();
        }
    }

    /// <summary>Evaluates quorum; true when it wrote (because something was decided).</summary>
    private async Task<bool> EvaluateCoreAsync()
    {
        if (Lookup() is not { } found)
        {
            return false;
        }

        var (service, endpoint) = found;
        var quorum = Quorum(service, endpoint);
        _lastQuorum = quorum;
        var regions = cluster.Definition.Cluster.Regions;
        var interval = cluster.Definition.Cluster.CheckFor(service, endpoint).Interval;
        var warmUp = interval * (service.Health.StaleAfterIntervals + Math.Max(service.Health.Fall, service.Health.Rise));
        var now = time.GetUtcNow();
        if (_decidedSinceActivation.Count < regions.Count && now - _activatedAt < warmUp)
        {
            return false;
        }

        if (!LostLongEnough(quorum, interval, now))
        {
            return false;
        }

        var evaluation = EndpointDecisionEngine.Evaluate(State.Decision, quorum, service.Health.FlapDamping, now);
        if (evaluation.Events.Count == 0)
        {
            State.Decision = evaluation.State;
            return false;
        }

        var evidence = new DecisionEvidence(quorum, service.Health.Fall, service.Health.Rise, service.Health.StaleAfterIntervals,
            evaluation.State.Damped, evaluation.State.Transitions.Count);
        var sequence = State.Decision.DecisionSequence;
        var decisions = evaluation.Events
            .Select(e => new Decision(DecisionId(++sequence), e.Kind, service.Id, EndpointId, now, e.From, e.To, e.Reason, evidence) { Muted = State.Mute is not null })
            .ToList();
        var healthChanged = evaluation.State.Health != State.Decision.Health;
        State.Decision = evaluation.State;
        State.Audit.Decisions.AddRange(decisions);
        _webhooks?.Enqueue(decisions.Select(WebhookEventMapper.FromDecision).OfType<WebhookEvent>());
        await state.WriteStateAsync();

        foreach (var decision in decisions)
        {
            metrics.Decisions.Inc(service.Id, decision.Kind.ToString());
            LogDecision(logger, decision.Kind, EndpointId, service.Id, decision.From, decision.To, decision.Reason, decision.Id);
        }

        metrics.EndpointQuorumAlert.WithLabels(service.Id, EndpointId).Set(State.Decision.QuorumAlert ? 1 : 0);
        if (healthChanged)
        {
            await PublishStatusAsync(service, endpoint);
        }

        return true;
    }

    /// <summary>
    /// Too few regions reporting counts only once it has lasted two intervals, and never during the
    /// start-up grace: a silo that was paused, starved or is still activating its probes delivers the
    /// queued verdicts within moments, and a lost quorum must come from missing regions, not from a
    /// late timer or a queue (no decision from missing data).
    /// </summary>
    private bool LostLongEnough(QuorumOutcome quorum, TimeSpan interval, DateTimeOffset now)
    {
        if (quorum.State != QuorumState.Insufficient)
        {
            _insufficientSince = null;
            return true;
        }

        if (State.Decision.QuorumAlert)
        {
            return true; // already alerted: nothing new would be decided
        }

        _insufficientSince ??= now;
        return now - _activatedAt >= StartUpGrace && now - _insufficientSince.Value >= 2 * interval;
    }

    /// <summary>
    /// Runs a write. When the ETag fence refuses it, this activation is deposed; when the store fails
    /// otherwise, its in-memory state is ahead of the store. Either way it deactivates (the next call
    /// re-reads the stored state) and the error goes to the caller.
    /// </summary>
    private async Task<bool> FencedAsync(Func<Task<bool>> write)
    {
        try
        {
            return await write();
        }
        catch (InconsistentStateException e)
        {
            LogFenced(logger, EndpointId, e.Message);
            this.DeactivateOnIdle();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWriteFailed(logger, EndpointId, e.Message);
            this.DeactivateOnIdle();
            throw;
        }
    }

    private async Task PublishStatusAsync(ServiceDefinition service, EndpointDefinition endpoint)
    {
        var status = new EndpointStatus(State.Decision.Health, State.Drain?.KeepsOutOfDns == true);
        metrics.EndpointHealthy.WithLabels(service.Id, EndpointId, endpoint.Datacenter).Set(State.Decision.Health == EndpointHealth.Unhealthy ? 0 : 1);
        metrics.EndpointDrained.WithLabels(service.Id, EndpointId).Set(status.Drained ? 1 : 0);
        _publishedAt = time.GetUtcNow();
        await GrainFactory.GetGrain<IServiceGrain>(service.Id).ReportEndpointAsync(EndpointId, status);
        await GrainFactory.GetGrain<IDatacenterGrain>(endpoint.Datacenter).ReportEndpointAsync(EndpointId, status);
    }

    /// <summary>Publishes the current status, unless this endpoint never decided anything (then nobody can hold a status from it).</summary>
    private Task PublishCurrentStatusAsync() =>
        Lookup() is { } found && (State.Decision.DecisionSequence > 0 || State.Drain?.KeepsOutOfDns == true)
            ? PublishStatusAsync(found.Service, found.Endpoint)
            : Task.CompletedTask;

    private QuorumOutcome? Quorum() => Lookup() is { } found ? Quorum(found.Service, found.Endpoint) : null;

    private QuorumOutcome Quorum(ServiceDefinition service, EndpointDefinition endpoint)
    {
        var definition = cluster.Definition.Cluster;
        var regions = definition.Regions.Select(r => r.Id).ToList();
        var interval = definition.CheckFor(service, endpoint).Interval;
        return QuorumEvaluator.Evaluate(regions, State.Reports, service.Health, interval, time.GetUtcNow());
    }

    private (ServiceDefinition Service, EndpointDefinition Endpoint)? Lookup() =>
        cluster.HasDefinition ? cluster.Definition.Cluster.FindEndpoint(EndpointId) : null;

    private string DecisionId(long sequence) => $"{EndpointId}/{sequence.ToString(CultureInfo.InvariantCulture)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision {Kind}: endpoint {Endpoint} of {Service} {From} -> {To}: {Reason} [{DecisionId}]")]
    private static partial void LogDecision(ILogger logger, DecisionKind kind, string endpoint, string service, EndpointHealth from, EndpointHealth to, string reason, string decisionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Endpoint grain {Endpoint} could not write its state ({Error}): deactivating, the next call re-reads the store")]
    private static partial void LogWriteFailed(ILogger logger, string endpoint, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint grain {Endpoint} was fenced out (a newer activation wrote its state): deactivating without acting. {Detail}")]
    private static partial void LogFenced(ILogger logger, string endpoint, string detail);
}
