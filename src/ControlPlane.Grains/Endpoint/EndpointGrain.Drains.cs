using ControlPlane.Core.Definitions;
using ControlPlane.Core.Drains;
using ControlPlane.Core.Model;
using ControlPlane.Core.Webhooks;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Service;

namespace ControlPlane.Grains.Endpoint;

/// <summary>Drains, undrains and mutes of one endpoint, kept in its fenced state.</summary>
/// <remarks>
/// A drain is admitted by the service grain (which alone checks the disruption budget) and then
/// lives here: each step is written with its decision in one fenced write, so after a kill -9 the
/// next activation reads the drain and its timer carries on. While a drain is unfinished a timer
/// asks the service grain once a second what DNS serves and lets <see cref="DrainProgress"/> move
/// it on. Successes counted towards a restore are kept in memory only: after a move the endpoint
/// needs <c>rise</c> fresh successes again, which errs on the side of waiting.
/// </remarks>
internal sealed partial class EndpointGrain
{
    private static readonly TimeSpan DrainTick = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, int> _successesSinceUndrain = [];
    private IGrainTimer? _drainTimer;

    public async Task<DrainRecord> BeginDrainAsync(DrainRequest request, BudgetVerdict budget)
    {
        if (State.Drain is { KeepsOutOfDns: true } current)
        {
            return current;
        }

        var (service, endpoint) = Lookup() ?? throw new InvalidOperationException($"endpoint '{EndpointId}' is not in the current cluster definition");
        State.DrainSequence++;
        var drain = new DrainRecord($"{EndpointId}:{State.DrainSequence}", EndpointId, service.Id, DrainState.Draining, request.Reason,
            request.RequestedBy, time.GetUtcNow(), Forced: !budget.Allowed, Origin: request.Origin);
        State.Drain = drain;
        var kinds = new List<(DecisionKind, string)>();
        if (!budget.Allowed)
        {
            kinds.Add((DecisionKind.DrainForced, $"forced by {request.RequestedBy} past the disruption budget: {budget.Reason}"));
        }

        if (DrainOrigins.IsEvacuation(request.Origin))
        {
            kinds.Add((DecisionKind.EvacuationStarted, $"{request.Origin}: {request.Reason}"));
        }
        else if (DrainOrigins.IsMaintenance(request.Origin))
        {
            kinds.Add((DecisionKind.MaintenanceStarted, $"{request.Origin} (drain): {request.Reason}"));
        }

        kinds.Add((DecisionKind.DrainStarted, request.Reason));
        await RecordDrainDecisionsAsync(service, kinds, request.RequestedBy, budget);
        await PublishStatusAsync(service, endpoint);
        KeepDrainTimer();
        return drain;
    }

    public async Task RecordRefusalAsync(DrainRequest request, BudgetVerdict budget)
    {
        if (Lookup() is { } found)
        {
            await RecordDrainDecisionsAsync(found.Service, [(DecisionKind.DrainRefused, $"over the disruption budget: {budget.Reason}")], request.RequestedBy, budget,
                new DrainEvidence(string.Empty, "refused", false, request.Origin));
        }
    }

    public async Task<DrainRecord?> UndrainAsync(string by, string origin, string? onlyOrigin = null)
    {
        if (Lookup() is not { } found || State.Drain is not { } drain || (onlyOrigin is not null && drain.Origin != onlyOrigin))
        {
            return null;
        }

        if (!drain.KeepsOutOfDns)
        {
            return drain.State == DrainState.Undraining ? drain : null;
        }

        State.Drain = DrainProgress.Undrain(drain, by, time.GetUtcNow());
        _successesSinceUndrain.Clear();
        var kinds = new List<(DecisionKind, string)> { (DecisionKind.UndrainStarted, $"undrained by {by} ({origin})") };
        if (DrainOrigins.IsMaintenance(origin))
        {
            kinds.Insert(0, (DecisionKind.MaintenanceEnded, $"{origin} (drain) ended"));
        }

        await RecordDrainDecisionsAsync(found.Service, kinds, by, null);
        await PublishStatusAsync(found.Service, found.Endpoint);
        KeepDrainTimer();
        return State.Drain;
    }

    public async Task RecordDrainDecisionAsync(DecisionKind kind, string reason)
    {
        if (Lookup() is { } found)
        {
            await RecordDrainDecisionsAsync(found.Service, [(kind, reason)], State.Drain?.RequestedBy, null);
        }
    }

    public async Task MuteAsync(string windowId, string reason)
    {
        if (Lookup() is not { } found || State.Mute?.WindowId == windowId)
        {
            return;
        }

        State.Mute = new MuteInfo(windowId, reason, time.GetUtcNow());
        await RecordDrainDecisionsAsync(found.Service, [(DecisionKind.MaintenanceStarted, $"maintenance:{windowId} (mute): {reason}")], "maintenance", null,
            new DrainEvidence(string.Empty, "muted", false, DrainOrigins.Maintenance(windowId)));
    }

    public async Task UnmuteAsync(string windowId)
    {
        if (Lookup() is not { } found || State.Mute?.WindowId != windowId)
        {
            return;
        }

        // Recorded while still muted, so the end of a mute is itself muted; cleared in the same write.
        var decision = NewDrainDecision(found.Service, DecisionKind.MaintenanceEnded, $"maintenance:{windowId} (mute) ended", "maintenance", null,
            new DrainEvidence(string.Empty, "muted", false, DrainOrigins.Maintenance(windowId)));
        State.Mute = null;
        await WriteDecisionsAsync(found.Service, [decision]);
    }

    /// <summary>Runs the drain timer while a drain is unfinished, and stops it once none is.</summary>
    private void KeepDrainTimer()
    {
        if (State.Drain is { Finished: false })
        {
            _drainTimer ??= this.RegisterGrainTimer(AdvanceDrainAsync, new GrainTimerCreationOptions(DrainTick, DrainTick) { KeepAlive = true });
        }
        else
        {
            _drainTimer?.Dispose();
            _drainTimer = null;
        }
    }

    private async Task AdvanceDrainAsync(CancellationToken cancellationToken)
    {
        if (State.Drain is not { Finished: false } drain || Lookup() is not { } found)
        {
            KeepDrainTimer();
            return;
        }

        var service = found.Service;
        var serving = await GrainFactory.GetGrain<IServiceGrain>(service.Id).GetDnsServingAsync(EndpointId);
        var now = time.GetUtcNow();
        var next = DrainProgress.Advance(drain, serving, TimeSpan.FromSeconds(service.Dns.Ttl), HealthyOnFreshRise(service.Health), now);
        if (next == drain)
        {
            return;
        }

        State.Drain = next;
        if (next.State == drain.State)
        {
            await FencedAsync(async () => { await state.WriteStateAsync(); return true; }); // NotServedSince, so a takeover counts the TTL from it
            return;
        }

        var reason = next.State == DrainState.Drained
            ? $"DNS has not served it since {next.NotServedSince:O} and the {service.Dns.Ttl} s TTL has passed"
            : $"healthy on {service.Health.Rise} success(es) since the undrain and served by DNS again";
        await RecordDrainDecisionsAsync(service, [(next.State == DrainState.Drained ? DecisionKind.Drained : DecisionKind.Restored, reason)], null, null);
        KeepDrainTimer();
    }

    /// <summary>Quorum says healthy and enough regions have seen <c>rise</c> successes since the undrain.</summary>
    private bool HealthyOnFreshRise(HealthPolicy health) =>
        State.Decision.Health == EndpointHealth.Healthy
        && _successesSinceUndrain.Count(r => r.Value >= health.Rise) >= Math.Max(1, _lastQuorum?.Required ?? 1);

    private void CountSuccessSinceUndrain(Core.Quorum.RegionReport report)
    {
        if (State.Drain is { State: DrainState.Undraining, UndrainStartedAt: { } since } && report.ReportedAt > since && report.LastObservation is { } observation)
        {
            _successesSinceUndrain[report.Region] = observation.IsSuccess ? _successesSinceUndrain.GetValueOrDefault(report.Region) + 1 : 0;
        }
    }

    private Task RecordDrainDecisionsAsync(
        ServiceDefinition service, IReadOnlyList<(DecisionKind Kind, string Reason)> kinds, string? actor, BudgetVerdict? budget, DrainEvidence? evidence = null) =>
        WriteDecisionsAsync(service, kinds.Select(k => NewDrainDecision(service, k.Kind, k.Reason, actor, budget, evidence)).ToList());

    private Decision NewDrainDecision(ServiceDefinition service, DecisionKind kind, string reason, string? actor, BudgetVerdict? budget, DrainEvidence? evidence)
    {
        var sequence = State.Decision.DecisionSequence + 1;
        State.Decision = State.Decision with { DecisionSequence = sequence };
        var health = State.Decision.Health;
        evidence ??= State.Drain is { } d ? new DrainEvidence(d.Id, ApiText(d.State), d.Forced, d.Origin) : null;
        return new Decision(DecisionId(sequence), kind, service.Id, EndpointId, time.GetUtcNow(), health, health, reason, null, actor)
        {
            Drain = evidence,
            Budget = budget,
            Muted = State.Mute is not null,
        };
    }

    private async Task WriteDecisionsAsync(ServiceDefinition service, IReadOnlyList<Decision> decisions)
    {
        State.Audit.Decisions.AddRange(decisions);
        _webhooks?.Enqueue(decisions.Select(WebhookEventMapper.FromDecision).OfType<WebhookEvent>()); // same fenced write as the decisions
        await FencedAsync(async () => { await state.WriteStateAsync(); return true; });
        foreach (var decision in decisions)
        {
            metrics.Decisions.Inc(service.Id, decision.Kind.ToString());
            LogDecision(logger, decision.Kind, EndpointId, service.Id, decision.From, decision.To, $"{decision.Reason} (by {decision.Actor ?? "control plane"})", decision.Id);
        }
    }

    private static string ApiText(DrainState state) => state.ToString().ToLowerInvariant();
}
