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
/// A status report only records the status and schedules a reconcile, so endpoint grains never
/// wait for DNS. A reconcile computes the desired set with <see cref="FailoverPolicy"/>; when it
/// differs from what was last published, the change is first committed as intent under the
/// grain's fence (a deposed owner fails here and never touches DNS), then applied outside the
/// turn, then committed as applied with the provider's answer. One apply runs at a time; reports
/// that arrive meanwhile are folded into the next reconcile, so newer desired state supersedes
/// older. A failed apply keeps the intent and is retried with backoff; after a restart or
/// takeover the intent is applied again (providers are idempotent) and then recorded once.
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
    private TimeSpan _backoff = TimeSpan.FromSeconds(1);
    private string? _lastError;
    private DesiredRecordSet? _desired;

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
        Task.FromResult(new ServiceSnapshot(ServiceId, _desired ?? Desired(), State.Published, State.Pending, _lastError, new Dictionary<string, EndpointStatus>(State.Endpoints)));

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
        if (_applying || cluster.Definition.Cluster.FindService(ServiceId) is not { } service
            || cluster.Definition.Cluster.FindDnsProvider(service.Dns.ProviderId) is not { } providerDefinition)
        {
            return;
        }

        var desired = FailoverPolicy.Compute(service, Known(service));
        _desired = desired;
        metrics.ServiceFailedOpen.WithLabels(ServiceId).Set(desired.FailedOpen ? 1 : 0);
        var after = Addresses(desired);
        if (State.Pending is null && after.SequenceEqual(State.Published))
        {
            if (_statusesDirty)
            {
                await CommitAsync();
                _statusesDirty = false;
            }

            return;
        }

        if (State.Pending is null || !State.Pending.After.SequenceEqual(after))
        {
            State.ChangeSequence++;
            State.Pending = new DnsChange(
                $"{ServiceId}/{State.ChangeSequence.ToString(CultureInfo.InvariantCulture)}", ServiceId, providerDefinition.Id, desired.Name,
                Time.GetUtcNow(), State.Published.ToList(), after, Reason(service, desired), desired.FailedOpen, null, null);
        }

        await CommitAsync(); // intent, fenced: a deposed owner stops here
        _statusesDirty = false;
        _applying = true;
        var pending = State.Pending;
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
        catch (Exception e) when (!Deactivating.IsCancellationRequested)
        {
            error = e;
        }
        catch (OperationCanceledException)
        {
            return;
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
        var applied = pending with { AppliedAt = result.InSyncAt ?? Time.GetUtcNow(), ProviderChangeId = result.ProviderChangeId };
        State.Published = pending.After.ToList();
        State.Pending = null;
        await CommitAsync(dnsChanges: [applied]);
        metrics.DnsChanges.Inc(ServiceId, provider.Id, "applied");
        metrics.DnsApplyDuration.WithLabels(provider.Id).Observe((applied.AppliedAt!.Value - pending.At).TotalSeconds);
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

    private Dictionary<string, EndpointStatus> Known(ServiceDefinition service) =>
        service.Endpoints.Where(e => State.Endpoints.ContainsKey(e.Id)).ToDictionary(e => e.Id, e => State.Endpoints[e.Id]);

    private DesiredRecordSet? Desired() =>
        cluster.HasDefinition && cluster.Definition.Cluster.FindService(ServiceId) is { } service ? FailoverPolicy.Compute(service, Known(service)) : null;

    private static List<string> Addresses(DesiredRecordSet desired) =>
        desired.Targets.Select(t => desired.Policy == RoutingPolicy.Weighted ? $"{t.Address} weight={t.Weight}" : t.Address.ToString())
            .Order(StringComparer.Ordinal).ToList();

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS change for {Service}: {Name} [{Before}] -> [{After}] because {Reason}; provider: {Summary} [{ChangeId}]")]
    private static partial void LogApplied(ILogger logger, string service, string name, string before, string after, string reason, string summary, string changeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "DNS change for {Service} ({Name}) failed: {Error} (transient: {Transient}); retrying in {Backoff} s")]
    private static partial void LogApplyFailed(ILogger logger, string service, string name, string error, bool transient, double backoff);
}
