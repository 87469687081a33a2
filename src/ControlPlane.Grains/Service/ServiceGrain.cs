using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Dns;
using ControlPlane.Runtime;
using ControlPlane.Storage;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Service;

/// <summary>Publishes a service's record set: computes it from endpoint statuses and applies it through the DNS provider.</summary>
/// <remarks>
/// <para>A status report only records the status and schedules a reconcile, so endpoint grains
/// never wait for DNS. A reconcile computes the desired set with <see cref="FailoverPolicy"/>;
/// when it differs from what was last published, the change is first committed as intent under
/// the grain's fence (a deposed owner fails here and never touches DNS), then applied outside
/// the turn, then committed as applied with the provider's answer. One apply runs at a time;
/// reports that arrive meanwhile are folded into the next reconcile, so newer desired state
/// supersedes older. A failed apply keeps the intent and is retried with backoff; after a
/// restart or takeover the intent is applied again (providers are idempotent), then recorded once.</para>
/// <para>Safety: a dry run records what it would change and calls no provider; the min-healthy
/// guard holds a change that would shrink the set below the minimum (fail open aside); the
/// change limit delays changes beyond <c>maxChanges</c> per window (the desired set at the time
/// the window allows is applied). Every <c>reconcileEvery</c> the provider's actual records are
/// read; when they differ from what was published, the published set is applied again and the
/// repair is recorded and counted as drift.</para>
/// </remarks>
internal sealed partial class ServiceGrain(
    IGrainStateStore store,
    ClusterContext cluster,
    DnsProviderRegistry providers,
    ControlPlaneMetrics metrics,
    ILogger<ServiceGrain> logger) : PersistentGrain<ServiceGrainState>(store), IServiceGrain
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private bool _applying;
    private bool _statusesDirty;
    private bool _reconcileScheduled;
    private bool _checkingDrift;
    private TimeSpan _backoff = TimeSpan.FromSeconds(1);
    private string? _lastError;
    private string? _heldReason;
    private DesiredRecordSet? _desired;
    private IDisposable? _driftTimer;
    private TimeSpan _driftEvery;

    private string ServiceId => Id.Key;

    protected override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        ScheduleReconcile(TimeSpan.Zero);
    }

    public Task ReportEndpointAsync(string endpointId, EndpointStatus status)
    {
        if (!State.Endpoints.TryGetValue(endpointId, out var previous) || previous != status)
        {
            State.Endpoints[endpointId] = status;
            _statusesDirty = true;
            ScheduleReconcile(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public Task<ServiceSnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ServiceSnapshot(ServiceId, _desired ?? Desired(), State.Published, State.Pending, _lastError ?? _heldReason,
            new Dictionary<string, EndpointStatus>(State.Endpoints)));

    private void ScheduleReconcile(TimeSpan delay)
    {
        if (_reconcileScheduled || _applying)
        {
            _reconcileScheduled = true;
            return;
        }

        _reconcileScheduled = true;
        RegisterTimer(ReconcileAsync, delay, Timeout.InfiniteTimeSpan);
    }

    private async Task ReconcileAsync()
    {
        _reconcileScheduled = false;
        if (_applying || Lookup() is not { } found)
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
            await CommitStatusesAsync();
            return;
        }

        if (State.Pending is null && Held(service, desired, after) is { } held)
        {
            SetHeld(held.Reason);
            if (held.RetryAfter is { } retry)
            {
                ScheduleReconcile(retry);
            }

            await CommitStatusesAsync();
            return;
        }

        SetHeld(null);
        if (State.Pending is null || !State.Pending.After.SequenceEqual(after))
        {
            State.Pending = NewChange(providerDefinition, desired.Name, State.Published.ToList(), after, Reason(service, desired), desired.FailedOpen);
        }

        await StartApplyAsync(providerDefinition, desired);
    }

    /// <summary>Commits the pending change as intent (fenced), then applies it outside the turn.</summary>
    private async Task StartApplyAsync(DnsProviderDefinition providerDefinition, DesiredRecordSet desired)
    {
        await CommitAsync(); // intent, fenced: a deposed owner stops here
        _statusesDirty = false;
        _applying = true;
        var pending = State.Pending!;
        var provider = providers.Get(providerDefinition);
        _ = Task.Run(() => ApplyAsync(provider, desired, pending));
    }

    private async Task ApplyAsync(IDnsProvider provider, DesiredRecordSet desired, DnsChange pending)
    {
        DnsApplyResult? result = null;
        Exception? error = null;
        try
        {
            result = await provider.ApplyAsync(desired, Deactivating);
        }
        catch (OperationCanceledException) when (Deactivating.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            error = e;
        }

        try
        {
            await RunInTurnAsync(() => result is not null ? RecordAppliedAsync(provider, pending, result) : RecordFailedAsync(provider, pending, error!));
        }
        catch (Exception e) when (e is GrainDeactivatedException or FenceLostException)
        {
        }
    }

    private async Task RecordAppliedAsync(IDnsProvider provider, DnsChange pending, DnsApplyResult result)
    {
        _applying = false;
        _lastError = null;
        _backoff = TimeSpan.FromSeconds(1);
        var now = Time.GetUtcNow();
        var applied = pending with { AppliedAt = result.InSyncAt ?? now, ProviderChangeId = result.ProviderChangeId };
        State.Published = pending.After.ToList();
        State.Pending = null;
        State.RecentChanges.Add(now);
        await CommitAsync(dnsChanges: [applied]);
        metrics.DnsChanges.Inc(ServiceId, provider.Id, "applied");
        metrics.DnsApplyDuration.WithLabels(provider.Id).Observe(Math.Max(0, (applied.AppliedAt!.Value - pending.At).TotalSeconds));
        LogApplied(logger, ServiceId, pending.Name, string.Join(", ", pending.Before), string.Join(", ", pending.After), pending.Reason, result.Summary, pending.Id);

        // Statuses may have changed while applying; a reconcile with nothing to do is cheap.
        _reconcileScheduled = false;
        ScheduleReconcile(TimeSpan.Zero);
    }

    private Task RecordFailedAsync(IDnsProvider provider, DnsChange pending, Exception error)
    {
        _applying = false;
        _lastError = error.Message;
        metrics.DnsChanges.Inc(ServiceId, provider.Id, "failed");
        var transient = error is not DnsProviderException { Transient: false };
        LogApplyFailed(logger, ServiceId, pending.Name, error.Message, transient, _backoff.TotalSeconds);
        _reconcileScheduled = false;
        ScheduleReconcile(_backoff);
        _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
        return Task.CompletedTask;
    }

    private async Task RecordDryRunAsync(ServiceDefinition service, DnsProviderDefinition providerDefinition, DesiredRecordSet desired, List<string> after)
    {
        var wouldHave = State.DryRunPublished ?? State.Published;
        if (after.SequenceEqual(wouldHave))
        {
            await CommitStatusesAsync();
            return;
        }

        var change = NewChange(providerDefinition, desired.Name, wouldHave.ToList(), after, Reason(service, desired), desired.FailedOpen) with { DryRun = true };
        State.DryRunPublished = after;
        await CommitAsync(dnsChanges: [change]);
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
            var now = Time.GetUtcNow();
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

    private async Task CommitStatusesAsync()
    {
        if (_statusesDirty)
        {
            await CommitAsync();
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
        _driftTimer = RegisterTimer(StartDriftCheck, _driftEvery, _driftEvery);
    }

    private Task StartDriftCheck()
    {
        if (_applying || _checkingDrift || State.Pending is not null || Lookup() is not { } found || found.Service.Dns.DryRun || State.Published.Count == 0)
        {
            return Task.CompletedTask;
        }

        var (service, providerDefinition) = found;
        var provider = providers.Get(providerDefinition);
        var expected = State.Published.ToList();
        _checkingDrift = true;
        _ = Task.Run(async () =>
        {
            IReadOnlyList<PublishedRecord>? actual = null;
            try
            {
                actual = await provider.ReadAsync(service.Dns.Name, Deactivating);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDriftReadFailed(logger, ServiceId, e.Message);
            }
            catch (OperationCanceledException)
            {
            }

            try
            {
                await RunInTurnAsync(() => CompareAsync(service, providerDefinition, expected, actual));
            }
            catch (Exception e) when (e is GrainDeactivatedException or FenceLostException)
            {
            }
        });
        return Task.CompletedTask;
    }

    private async Task CompareAsync(ServiceDefinition service, DnsProviderDefinition providerDefinition, List<string> expected, IReadOnlyList<PublishedRecord>? actual)
    {
        _checkingDrift = false;
        if (actual is null || _applying || State.Pending is not null || !expected.SequenceEqual(State.Published))
        {
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
        await StartApplyAsync(providerDefinition, desired);
    }

    private DnsChange NewChange(DnsProviderDefinition provider, string name, List<string> before, List<string> after, string reason, bool failedOpen)
    {
        State.ChangeSequence++;
        return new DnsChange($"{ServiceId}/{State.ChangeSequence.ToString(CultureInfo.InvariantCulture)}", ServiceId, provider.Id, name,
            Time.GetUtcNow(), before, after, reason, failedOpen, null, null);
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
