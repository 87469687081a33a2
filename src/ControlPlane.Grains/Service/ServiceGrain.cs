using System.Diagnostics;
using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Core.Webhooks;
using ControlPlane.Dns;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Webhooks;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Service;

/// <summary>Publishes a service's record set: computes it from endpoint statuses and applies it through the DNS provider.</summary>
/// <remarks>
/// <para>Activation begins with a conditional write that bumps the epoch: from then on every write of
/// an older activation of this service (a duplicate during a membership change, a silo resumed after
/// SIGSTOP or a long GC pause) is refused by the ETag fence, and such an activation deactivates
/// without acting. A status report only records the status and schedules a reconcile (one turn, on a
/// timer), so endpoint grains never wait for DNS. A reconcile computes the desired set with
/// <see cref="FailoverPolicy"/>; when it differs from what was last published, the change is first
/// written as intent (conditional: a deposed activation stops here and never calls the provider), then
/// applied, then written as applied with the provider's answer. If the intent write took longer than
/// <see cref="IntentFreshFor"/> (the process may have been paused while it was in flight), the intent
/// is written again first, so the fence is re-checked right before DNS is touched. Reports that
/// arrive meanwhile wait for the turn and are folded into the next reconcile, so newer desired state
/// supersedes older. A failed apply keeps the intent and is retried with backoff; after activation the
/// intent is applied again (providers are idempotent) and recorded once, with its deterministic id.</para>
/// <para>Safety: a dry run records what it would change and calls no provider; the min-healthy guard
/// holds a change that would shrink the set below the minimum (fail open aside); the change limit
/// delays changes beyond <c>maxChanges</c> per window. Every <c>reconcileEvery</c> the provider's
/// actual records are read; when they differ from what was published, the published set is applied
/// again and the repair is recorded and counted as drift.</para>
/// </remarks>
[GrainType(GrainKinds.Service), ControlPlanePlacement]
internal sealed partial class ServiceGrain(
    [PersistentState("service", ControlPlaneGrainStorage.Name)] IPersistentState<ServiceGrainState> state,
    ClusterContext cluster,
    DnsProviderRegistry providers,
    LocalGrains local,
    ControlPlaneMetrics metrics,
    TimeProvider time,
    WebhookDelivering webhooks,
    ILogger<ServiceGrain> logger) : ControlPlaneGrain(local), IServiceGrain, IWebhookOutboxGrain
{
    /// <summary>An intent write slower than this is repeated before the provider is called (see remarks).</summary>
    public static readonly TimeSpan IntentFreshFor = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly HashSet<string> _reportedSinceActivation = [];
    private bool _statusesDirty;
    private TimeSpan _backoff = TimeSpan.FromSeconds(1);
    private string? _lastError;
    private string? _heldReason;
    private DesiredRecordSet? _desired;
    private IGrainTimer? _reconcileTimer;
    private IGrainTimer? _driftTimer;
    private TimeSpan _driftEvery;
    private long _reconciledVersion;
    private WebhookDispatcher? _webhooks;

    private string ServiceId => this.GetPrimaryKeyString();

    private ServiceGrainState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.Epoch++;
        await state.WriteStateAsync(); // the fence: any older activation's next write now fails
        await base.OnActivateAsync(cancellationToken);
        _webhooks = webhooks.For(State.Webhooks, GrainKinds.Service, ServiceId);
        _webhooks.Start(this, () => state.WriteStateAsync());
        _reconcileTimer = this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        this.RegisterGrainTimer(CatchUpAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    public Task ReportEndpointAsync(string endpointId, EndpointStatus status)
    {
        _reportedSinceActivation.Add(endpointId);
        if (!State.Endpoints.TryGetValue(endpointId, out var previous) || previous != status)
        {
            State.Endpoints[endpointId] = status;
            _statusesDirty = true;
            ScheduleReconcile(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A new definition can change the desired records without any endpoint changing (a new policy,
    /// weights, TTL, an endpoint added or removed): reconcile when the keeper's ping brings one.
    /// </summary>
    public override Task KeepAliveAsync()
    {
        if (cluster.HasDefinition && cluster.Definition.Version != _reconciledVersion)
        {
            ScheduleReconcile(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public Task<ServiceSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ServiceSnapshot(ServiceId, _desired ?? Desired(), State.Published.ToList(), State.Pending, _lastError ?? _heldReason,
            new Dictionary<string, EndpointStatus>(State.Endpoints), cluster.Silo.Id));

    public Task<IReadOnlyList<WebhookDelivery>> GetWebhookDeliveriesAsync() => Task.FromResult(_webhooks?.Deliveries() ?? []);

    public async Task<bool> ReplayWebhookAsync(string deliveryId)
    {
        if (_webhooks?.Replay(deliveryId) != true)
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _webhooks?.Stop();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void ScheduleReconcile(TimeSpan delay) => _reconcileTimer?.Change(delay, Timeout.InfiniteTimeSpan);

    /// <summary>Reconciles again after the current backoff, and doubles it (up to <see cref="MaxBackoff"/>) for the next failure.</summary>
    private void RetryWithBackoff()
    {
        ScheduleReconcile(_backoff);
        _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReconcileCoreAsync(cancellationToken);
        }
        catch (InconsistentStateException e)
        {
            Deposed(e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The store failed (busy, timeout): keep the intent and try again with backoff, never give up.
            _lastError = $"store: {e.Message}";
            LogStoreFailed(logger, ServiceId, e.Message, _backoff.TotalSeconds);
            RetryWithBackoff();
        }
    }

    /// <summary>A newer activation wrote this grain's state: stop every timer and deactivate without acting again.</summary>
    private void Deposed(InconsistentStateException e)
    {
        LogFenced(logger, ServiceId, e.Message);
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
        _driftTimer?.Dispose();
        _driftTimer = null;
        this.DeactivateOnIdle();
    }

    /// <summary>
    /// After activation, asks each endpoint grain for its current status (reports sent to an older
    /// activation may have been lost with it), then reconciles. A report received since activation
    /// is at least as new as such an answer and is kept (this turn does not interleave, so none can
    /// arrive while it asks).
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (Lookup() is { } found)
        {
            foreach (var endpoint in found.Service.Endpoints.Where(e => !_reportedSinceActivation.Contains(e.Id)))
            {
                try
                {
                    var snapshot = await GrainFactory.GetGrain<IEndpointGrain>(endpoint.Id).GetSnapshotAsync();
                    if (snapshot.Health == EndpointHealth.Unknown && snapshot.HealthSince is null && !snapshot.Drained)
                    {
                        continue; // it never decided anything: nothing to catch up on
                    }

                    var status = new EndpointStatus(snapshot.Health, snapshot.Drained);
                    if (!State.Endpoints.TryGetValue(endpoint.Id, out var known) || known != status)
                    {
                        State.Endpoints[endpoint.Id] = status;
                        _statusesDirty = true;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCatchUpFailed(logger, ServiceId, endpoint.Id, e.Message); // its next report brings it
                }
            }
        }

        await ReconcileAsync(cancellationToken);
    }

    private async Task ReconcileCoreAsync(CancellationToken cancellationToken)
    {
        _reconciledVersion = cluster.HasDefinition ? cluster.Definition.Version : 0; // read first: a newer one arriving meanwhile is reconciled at the next ping
        if (Lookup() is not { } found)
        {
            return;
        }

        var (service, providerDefinition) = found;
        KeepDriftTimer(service);
        var desired = FailoverPolicy.Compute(service, Known(service));
        _desired = desired;
        metrics.ServiceFailedOpen.WithLabels(ServiceId).Set(desired.FailedOpen ? 1 : 0);
        var after = Addresses(desired);

        if (service.Dns.DryRun)
        {
            await RecordDryRunAsync(service, providerDefinition, desired, after);
            return;
        }

        State.DryRunPublished = null;
        if (State.Pending is null && after.SequenceEqual(State.Published))
        {
            SetHeld(null);
            await WriteStatusesAsync();
            return;
        }

        if (State.Pending is null && Held(service, desired, after) is { } held)
        {
            SetHeld(held.Reason);
            if (held.RetryAfter is { } retry)
            {
                ScheduleReconcile(retry);
            }

            await WriteStatusesAsync();
            return;
        }

        SetHeld(null);
        if (State.Pending is null || !State.Pending.After.SequenceEqual(after))
        {
            // Back to what was published while a change failed: the server may hold either, and holds
            // the failed change's set if that landed after all (the provider finds out and says so).
            var before = State.Pending is { } failed && after.SequenceEqual(State.Published) ? failed.After.ToList() : State.Published.ToList();
            State.Pending = NewChange(providerDefinition, desired.Name, before, after, Reason(service, desired), desired.FailedOpen);
        }

        await ApplyPendingAsync(providerDefinition, desired, cancellationToken);
    }

    /// <summary>Writes the pending change as intent (fenced), applies it, and writes the outcome.</summary>
    private async Task ApplyPendingAsync(DnsProviderDefinition providerDefinition, DesiredRecordSet desired, CancellationToken cancellationToken)
    {
        var pending = State.Pending!;
        var provider = providers.Get(providerDefinition);
        var started = Stopwatch.GetTimestamp();
        await state.WriteStateAsync(); // intent, fenced: a deposed activation stops here
        _statusesDirty = false;
        if (Stopwatch.GetElapsedTime(started) > IntentFreshFor)
        {
            // Slow or paused since the write was sent (SIGSTOP, GC, partition): a newer activation may have
            // started meanwhile, so prove again, right before touching DNS, that this one is current.
            await state.WriteStateAsync();
        }

        DnsApplyResult result;
        try
        {
            result = await provider.ApplyAsync(desired, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            await RecordFailedAsync(provider, pending, e);
            return;
        }

        await RecordAppliedAsync(provider, pending, result);
    }

    private async Task RecordAppliedAsync(IDnsProvider provider, DnsChange pending, DnsApplyResult result)
    {
        _lastError = null;
        _backoff = TimeSpan.FromSeconds(1);
        var now = time.GetUtcNow();
        if (!result.Changed && pending.After.SequenceEqual(State.Published))
        {
            // A failed change was given up for the set already published, and the server still serves
            // that set: nothing changed in DNS, so nothing goes into the audit or to webhooks.
            State.Pending = null;
            await state.WriteStateAsync();
            LogReasserted(logger, ServiceId, pending.Name, string.Join(", ", pending.After), result.Summary);
            ScheduleReconcile(TimeSpan.Zero);
            return;
        }

        var applied = pending with { AppliedAt = result.InSyncAt ?? now, ProviderChangeId = result.ProviderChangeId };
        State.Published = pending.After.ToList();
        State.PublishedAt = applied.AppliedAt;
        State.PublishedConfirmed = result.InSyncAt is not null || Lookup()?.Provider.Type != "route53"; // only Route 53 confirms later
        State.Pending = null;
        State.RecentChanges.Add(now);
        State.Audit.DnsChanges.Add(applied);
        RaiseWebhooks(applied, provider.Id);
        await state.WriteStateAsync();
        metrics.DnsChanges.Inc(ServiceId, provider.Id, "applied");
        metrics.DnsApplyDuration.WithLabels(provider.Id).Observe(Math.Max(0, (applied.AppliedAt!.Value - pending.At).TotalSeconds));
        LogApplied(logger, ServiceId, pending.Name, string.Join(", ", pending.Before), string.Join(", ", pending.After), pending.Reason, result.Summary, pending.Id);

        // Statuses may have changed while applying; a reconcile with nothing to do is cheap.
        ScheduleReconcile(TimeSpan.Zero);
    }

    private async Task RecordFailedAsync(IDnsProvider provider, DnsChange pending, Exception error)
    {
        _lastError = error.Message;
        metrics.DnsChanges.Inc(ServiceId, provider.Id, "failed");
        var transient = error is not DnsProviderException { Transient: false };
        LogApplyFailed(logger, ServiceId, pending.Name, error.Message, transient, _backoff.TotalSeconds);
        RetryWithBackoff();
        if (_webhooks is { } outbox && !outbox.IsOpen($"dns-error:{ServiceId}"))
        {
            outbox.Enqueue([WebhookEventMapper.DnsError(ServiceId, provider.Id, pending.Id, error.Message, time.GetUtcNow())]);
            await state.WriteStateAsync(); // fenced like any write: a deposed activation raises nothing
        }
    }

    /// <summary>The webhook events of an applied change: the failover, fail-open starting or ending, the provider recovering.</summary>
    private void RaiseWebhooks(DnsChange applied, string providerId)
    {
        if (_webhooks is not { } outbox)
        {
            return;
        }

        var events = WebhookEventMapper.FromDnsChange(applied, outbox.IsOpen($"failopen:{ServiceId}")).ToList();
        if (outbox.IsOpen($"dns-error:{ServiceId}"))
        {
            events.Add(WebhookEventMapper.DnsRecovered(ServiceId, providerId, applied.Id, applied.AppliedAt ?? time.GetUtcNow()));
        }

        outbox.Enqueue(events);
    }

    private async Task RecordDryRunAsync(ServiceDefinition service, DnsProviderDefinition providerDefinition, DesiredRecordSet desired, List<string> after)
    {
        var wouldHave = State.DryRunPublished ?? State.Published;
        if (after.SequenceEqual(wouldHave))
        {
            await WriteStatusesAsync();
            return;
        }

        var change = NewChange(providerDefinition, desired.Name, wouldHave.ToList(), after, Reason(service, desired), desired.FailedOpen) with { DryRun = true };
        State.DryRunPublished = after;
        State.Audit.DnsChanges.Add(change);
        await state.WriteStateAsync();
        _statusesDirty = false;
        metrics.DnsChanges.Inc(ServiceId, providerDefinition.Id, "dry_run");
        LogDryRun(logger, ServiceId, desired.Name, string.Join(", ", change.Before), string.Join(", ", after), change.Reason, change.Id);
    }

    /// <summary>Why a change must wait: the min-healthy guard or the change limit; null when it may go ahead.</summary>
    private (string Reason, TimeSpan? RetryAfter)? Held(ServiceDefinition service, DesiredRecordSet desired, List<string> after)
    {
        if (service.Dns.MinHealthy is { } minimum && !desired.FailedOpen && after.Count < minimum && after.Count < State.Published.Count)
        {
            return ($"min-healthy guard: publishing [{string.Join(", ", after)}] would leave {after.Count} endpoint(s), minimum {minimum}; keeping [{string.Join(", ", State.Published)}]", null);
        }

        if (service.Dns.MaxChanges is { } max)
        {
            var now = time.GetUtcNow();
            State.RecentChanges.RemoveAll(t => now - t >= service.Dns.ChangeWindow);
            if (State.RecentChanges.Count >= max)
            {
                var allowedAt = State.RecentChanges.Min() + service.Dns.ChangeWindow;
                return ($"change limit: {max} change(s) per {service.Dns.ChangeWindow.TotalSeconds:0} s reached; next change at {allowedAt:HH:mm:ss} UTC", allowedAt - now);
            }
        }

        return null;
    }

    private void SetHeld(string? reason)
    {
        if (reason != _heldReason && reason is not null)
        {
            LogHeld(logger, ServiceId, reason);
        }

        _heldReason = reason;
        metrics.ServiceChangeHeld.WithLabels(ServiceId).Set(reason is null ? 0 : 1);
    }

    private async Task WriteStatusesAsync()
    {
        if (_statusesDirty)
        {
            await state.WriteStateAsync();
            _statusesDirty = false;
        }
    }

    /// <summary>(Re)arms the drift check when the service's interval changed.</summary>
    private void KeepDriftTimer(ServiceDefinition service)
    {
        if (_driftTimer is not null && _driftEvery == service.Dns.ReconcileEvery)
        {
            return;
        }

        _driftTimer?.Dispose();
        _driftEvery = service.Dns.ReconcileEvery;
        _driftTimer = this.RegisterGrainTimer(CheckDriftAsync, new GrainTimerCreationOptions(_driftEvery, _driftEvery) { KeepAlive = true });
    }

    private async Task CheckDriftAsync(CancellationToken cancellationToken)
    {
        if (State.Pending is not null || Lookup() is not { } found || found.Service.Dns.DryRun || State.Published.Count == 0)
        {
            return;
        }

        var (service, providerDefinition) = found;
        var provider = providers.Get(providerDefinition);
        var expected = State.Published.ToList();
        IReadOnlyList<PublishedRecord> actual;
        try
        {
            actual = await provider.ReadAsync(service.Dns.Name, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDriftReadFailed(logger, ServiceId, e.Message);
            return;
        }

        var served = actual.Select(r => r.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var wanted = expected.Select(BareAddress).Distinct().Order(StringComparer.Ordinal).ToList();
        if (served.SequenceEqual(wanted) && actual.All(r => r.Ttl == service.Dns.Ttl))
        {
            return;
        }

        metrics.DnsDrift.Inc(ServiceId, providerDefinition.Id);
        var reason = $"drift repaired: provider served [{string.Join(", ", actual.Select(r => $"{r.Value} ttl {r.Ttl}"))}] instead of [{string.Join(", ", wanted)}] ttl {service.Dns.Ttl}";
        LogDrift(logger, ServiceId, service.Dns.Name, reason);
        var desired = FailoverPolicy.Compute(service, Known(service));
        if (!Addresses(desired).SequenceEqual(State.Published))
        {
            ScheduleReconcile(TimeSpan.Zero); // the desired set moved on anyway: the normal path repairs it
            return;
        }

        State.Pending = NewChange(providerDefinition, service.Dns.Name, served, State.Published.ToList(), reason, desired.FailedOpen);
        try
        {
            await ApplyPendingAsync(providerDefinition, desired, cancellationToken);
        }
        catch (InconsistentStateException e)
        {
            Deposed(e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _lastError = $"store: {e.Message}";
            LogStoreFailed(logger, ServiceId, e.Message, _backoff.TotalSeconds);
            ScheduleReconcile(_backoff); // the pending repair is applied by the normal path
        }
    }

    private DnsChange NewChange(DnsProviderDefinition provider, string name, List<string> before, List<string> after, string reason, bool failedOpen)
    {
        State.ChangeSequence++;
        return new DnsChange($"{ServiceId}/{State.ChangeSequence.ToString(CultureInfo.InvariantCulture)}", ServiceId, provider.Id, name,
            time.GetUtcNow(), before, after, reason, failedOpen, null, null);
    }

    private (ServiceDefinition Service, DnsProviderDefinition Provider)? Lookup() =>
        cluster.HasDefinition
        && cluster.Definition.Cluster.FindService(ServiceId) is { } service
        && cluster.Definition.Cluster.FindDnsProvider(service.Dns.ProviderId) is { } provider
            ? (service, provider)
            : null;

    private Dictionary<string, EndpointStatus> Known(ServiceDefinition service) =>
        service.Endpoints.Where(e => State.Endpoints.ContainsKey(e.Id)).ToDictionary(e => e.Id, e => State.Endpoints[e.Id]);

    private DesiredRecordSet? Desired() =>
        Lookup() is { } found ? FailoverPolicy.Compute(found.Service, Known(found.Service)) : null;

    private static List<string> Addresses(DesiredRecordSet desired) =>
        desired.Targets.Select(t => desired.Policy == RoutingPolicy.Weighted ? $"{t.Address} weight={t.Weight}" : t.Address.ToString())
            .Order(StringComparer.Ordinal).ToList();

    private static string BareAddress(string published) => published.Split(' ', 2)[0];

    private string Reason(ServiceDefinition service, DesiredRecordSet desired)
    {
        var left = service.Endpoints
            .Where(e => desired.Targets.All(t => t.EndpointId != e.Id))
            .Select(e => State.Endpoints.TryGetValue(e.Id, out var s) ? $"{e.Id} {(s.Drained ? "drained" : s.Health.ToString().ToLowerInvariant())}" : $"{e.Id} unknown")
            .ToList();
        var policy = $"policy {service.Policy.ToString().ToLowerInvariant()}";
        var why = left.Count == 0 ? "all endpoints serving" : "not published: " + string.Join(", ", left);
        return desired.FailedOpen ? $"{policy}; fail open: {desired.FailOpenReason}" : $"{policy}; {why}";
    }
}
