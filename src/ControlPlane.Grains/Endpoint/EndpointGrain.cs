using System.Globalization;
using ControlPlane.Core.Decisions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Grains.Datacenter;
using ControlPlane.Grains.Service;
using ControlPlane.Runtime;
using ControlPlane.Storage;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Endpoint;

/// <summary>Decides one endpoint's health by quorum over the regions' verdicts and records each decision with its evidence.</summary>
/// <remarks>
/// Every region's report and a timer (once per check interval, so a region that falls silent
/// turns stale on time) trigger an evaluation: the pure <see cref="QuorumEvaluator"/> and
/// <see cref="EndpointDecisionEngine"/> say what changed, and the new state is committed with
/// the resulting decisions in one fenced write. Decision ids continue the stored sequence, so a
/// restarted or moved grain never records a decision twice. After activation the grain waits
/// until every region has a decided verdict again, or until the staleness window plus the
/// thresholds have passed, before it evaluates, so a restart does not look like regions going
/// silent.
/// </remarks>
internal sealed partial class EndpointGrain(
    IGrainStateStore store,
    ClusterContext cluster,
    ControlPlaneMetrics metrics,
    ILogger<EndpointGrain> logger) : PersistentGrain<EndpointGrainState>(store), IEndpointGrain
{
    private readonly HashSet<string> _decidedSinceActivation = [];
    private DateTimeOffset _activatedAt;
    private QuorumOutcome? _lastQuorum;

    private string EndpointId => Id.Key;

    protected override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _activatedAt = Time.GetUtcNow();
        if (Lookup() is { } found)
        {
            var interval = cluster.Definition.Cluster.CheckFor(found.Service, found.Endpoint).Interval;
            RegisterTimer(EvaluateAsync, interval, interval);

            // Tell the service and datacenter in a later turn: those calls may wait for a shard
            // that is moving, and activation must not wait with them.
            RegisterTimer(PublishCurrentStatusAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task ReportVerdictAsync(RegionReport report)
    {
        if (State.Reports.TryGetValue(report.Region, out var newer) && newer.ReportedAt > report.ReportedAt)
        {
            return; // overtaken by a later report from the same region
        }

        if (report.Verdict != Verdict.Unknown)
        {
            _decidedSinceActivation.Add(report.Region);
        }

        var verdictChanged = !State.Reports.TryGetValue(report.Region, out var previous) || previous.Verdict != report.Verdict;
        State.Reports[report.Region] = report;
        if (!await EvaluateCoreAsync() && verdictChanged)
        {
            await CommitAsync();
        }
    }

    public async Task<Decision?> DrainAsync(string actor, string reason)
    {
        if (State.Drain is not null || Lookup() is not { } found)
        {
            return null;
        }

        State.Drain = new DrainInfo(actor, reason, Time.GetUtcNow());
        return await RecordDrainAsync(found.Service, found.Endpoint, DecisionKind.Drained, actor, reason);
    }

    public async Task<Decision?> UndrainAsync(string actor, string reason)
    {
        if (State.Drain is null || Lookup() is not { } found)
        {
            return null;
        }

        State.Drain = null;
        return await RecordDrainAsync(found.Service, found.Endpoint, DecisionKind.Undrained, actor, reason);
    }

    public Task<EndpointSnapshot> GetSnapshotAsync()
    {
        var serviceId = Lookup()?.Service.Id ?? string.Empty;
        var d = State.Decision;
        return Task.FromResult(new EndpointSnapshot(EndpointId, serviceId, d.Health, d.HealthSince, d.QuorumAlert, d.Damped, State.Drain, _lastQuorum ?? Quorum()));
    }

    private Task EvaluateAsync() => EvaluateCoreAsync();

    /// <summary>Evaluates quorum; true when it committed (because something was decided).</summary>
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
        var warmingUp = _decidedSinceActivation.Count < regions.Count && Time.GetUtcNow() - _activatedAt < warmUp;
        if (warmingUp)
        {
            return false;
        }

        var now = Time.GetUtcNow();
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
            .Select(e => new Decision(DecisionId(++sequence), e.Kind, service.Id, EndpointId, now, e.From, e.To, e.Reason, evidence))
            .ToList();
        var healthChanged = evaluation.State.Health != State.Decision.Health;
        State.Decision = evaluation.State;
        await CommitAsync(decisions);

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

    private async Task<Decision> RecordDrainAsync(ServiceDefinition service, EndpointDefinition endpoint, DecisionKind kind, string actor, string reason)
    {
        var now = Time.GetUtcNow();
        var sequence = State.Decision.DecisionSequence + 1;
        State.Decision = State.Decision with { DecisionSequence = sequence };
        var health = State.Decision.Health;
        var decision = new Decision(DecisionId(sequence), kind, service.Id, EndpointId, now, health, health, reason, null, actor);
        await CommitAsync([decision]);
        metrics.Decisions.Inc(service.Id, kind.ToString());
        LogDecision(logger, kind, EndpointId, service.Id, health, health, $"{reason} (by {actor})", decision.Id);
        await PublishStatusAsync(service, endpoint);
        return decision;
    }

    private async Task PublishStatusAsync(ServiceDefinition service, EndpointDefinition endpoint)
    {
        var status = new EndpointStatus(State.Decision.Health, State.Drain is not null);
        metrics.EndpointHealthy.WithLabels(service.Id, EndpointId, endpoint.Datacenter).Set(State.Decision.Health == EndpointHealth.Unhealthy ? 0 : 1);
        metrics.EndpointDrained.WithLabels(service.Id, EndpointId).Set(status.Drained ? 1 : 0);
        await GrainFactory.Get<IServiceGrain>(service.Id).ReportEndpointAsync(EndpointId, status);
        await GrainFactory.Get<IDatacenterGrain>(endpoint.Datacenter).ReportEndpointAsync(EndpointId, status);
    }

    private Task PublishCurrentStatusAsync() =>
        Lookup() is { } found ? PublishStatusAsync(found.Service, found.Endpoint) : Task.CompletedTask;

    private QuorumOutcome? Quorum() => Lookup() is { } found ? Quorum(found.Service, found.Endpoint) : null;

    private QuorumOutcome Quorum(ServiceDefinition service, EndpointDefinition endpoint)
    {
        var definition = cluster.Definition.Cluster;
        var regions = definition.Regions.Select(r => r.Id).ToList();
        var interval = definition.CheckFor(service, endpoint).Interval;
        return QuorumEvaluator.Evaluate(regions, State.Reports, service.Health, interval, Time.GetUtcNow());
    }

    private (ServiceDefinition Service, EndpointDefinition Endpoint)? Lookup() => cluster.Definition.Cluster.FindEndpoint(EndpointId);

    private string DecisionId(long sequence) => $"{EndpointId}/{sequence.ToString(CultureInfo.InvariantCulture)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision {Kind}: endpoint {Endpoint} of {Service} {From} -> {To}: {Reason} [{DecisionId}]")]
    private static partial void LogDecision(ILogger logger, DecisionKind kind, string endpoint, string service, EndpointHealth from, EndpointHealth to, string reason, string decisionId);
}
