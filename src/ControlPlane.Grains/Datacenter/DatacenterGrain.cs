using System.Globalization;
using ControlPlane.Core.Drains;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Service;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Datacenter;

/// <summary>Keeps the status of every endpoint in one datacenter, and evacuates it for planned maintenance.</summary>
/// <remarks>
/// Statuses are derived state, rebuilt from endpoint reports (every endpoint republishes at least
/// every 30 s). An evacuation is fenced state: it asks each endpoint's service grain for a drain
/// (the budget applies unless forced), keeps the drain ids, and a timer follows the drains until
/// all are drained (<c>Evacuated</c>) or, after a restore, all are restored. Both steps are recorded
/// as decisions on each endpoint. After a kill -9 the next activation reads the evacuation and its
/// timer carries on; the drains themselves carry on in their endpoint grains regardless.
/// </remarks>
[GrainType(GrainKinds.Datacenter), ControlPlanePlacement]
internal sealed partial class DatacenterGrain(
    [PersistentState("datacenter", ControlPlaneGrainStorage.Name)] IPersistentState<DatacenterGrainState> state,
    ClusterContext cluster,
    LocalGrains local,
    TimeProvider time,
    ILogger<DatacenterGrain> logger) : ControlPlaneGrain(local), IDatacenterGrain
{
    private static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, EndpointStatus> _endpoints = [];
    private IGrainTimer? _followTimer;

    private string DatacenterId => this.GetPrimaryKeyString();

    private DatacenterGrainState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.Epoch++;
        await state.WriteStateAsync(); // the fence: any older activation's next write now fails
        await base.OnActivateAsync(cancellationToken);
        KeepFollowTimer();
    }

    public Task ReportEndpointAsync(string endpointId, EndpointStatus status)
    {
        _endpoints[endpointId] = status;
        return Task.CompletedTask;
    }

    public Task<DatacenterSnapshot> GetSnapshotAsync()
    {
        var statuses = _endpoints.Values.ToList();
        return Task.FromResult(new DatacenterSnapshot(
            DatacenterId,
            statuses.Count,
            statuses.Count(s => s.Health == EndpointHealth.Healthy),
            statuses.Count(s => s.Health == EndpointHealth.Unhealthy),
            statuses.Count(s => s.Health == EndpointHealth.Unknown),
            statuses.Count(s => s.Drained),
            State.Evacuation));
    }

    public async Task<Evacuation> EvacuateAsync(string reason, string requestedBy, bool force)
    {
        if (State.Evacuation is { State: EvacuationState.Evacuating or EvacuationState.Evacuated } current)
        {
            return current;
        }

        State.EvacuationSequence++;
        var id = $"{DatacenterId}:{State.EvacuationSequence.ToString(CultureInfo.InvariantCulture)}";
        var request = new DrainRequest(reason, requestedBy, force, DrainOrigins.Evacuation(id));
        var endpoints = new List<EvacuatedEndpoint>();
        foreach (var (service, endpoint) in EndpointsHere())
        {
            var admission = await GrainFactory.GetGrain<IServiceGrain>(service).RequestDrainAsync(endpoint, request);
            endpoints.Add(new EvacuatedEndpoint(endpoint, service, admission.Drain?.Id, admission.Drain is { } d ? Text(d.State) : null, admission.Refused));
        }

        State.Evacuation = new Evacuation(id, DatacenterId, EvacuationState.Evacuating, reason, requestedBy, force, time.GetUtcNow(), endpoints);
        await FencedWriteAsync();
        LogEvacuation(logger, DatacenterId, id, "started", endpoints.Count(e => e.DrainId is not null), endpoints.Count(e => e.Refused is not null));
        KeepFollowTimer();
        return State.Evacuation;
    }

    public async Task<Evacuation?> RestoreAsync(string requestedBy)
    {
        if (State.Evacuation is not { State: EvacuationState.Evacuating or EvacuationState.Evacuated } evacuation)
        {
            return State.Evacuation is { State: EvacuationState.Restoring } restoring ? restoring : null;
        }

        var origin = DrainOrigins.Evacuation(evacuation.Id);
        foreach (var endpoint in evacuation.Drains.Where(e => e.DrainId is not null))
        {
            await GrainFactory.GetGrain<IEndpointGrain>(endpoint.Endpoint).UndrainAsync(requestedBy, origin, onlyOrigin: origin);
        }

        State.Evacuation = evacuation with { State = EvacuationState.Restoring, RestoreStartedAt = time.GetUtcNow() };
        await FencedWriteAsync();
        LogEvacuation(logger, DatacenterId, evacuation.Id, "restoring", evacuation.Drains.Count(e => e.DrainId is not null), 0);
        KeepFollowTimer();
        return State.Evacuation;
    }

    private void KeepFollowTimer()
    {
        if (State.Evacuation is { State: EvacuationState.Evacuating or EvacuationState.Restoring })
        {
            _followTimer ??= this.RegisterGrainTimer(FollowAsync, new GrainTimerCreationOptions(FollowEvery, FollowEvery) { KeepAlive = true });
        }
        else
        {
            _followTimer?.Dispose();
            _followTimer = null;
        }
    }

    /// <summary>Refreshes the drains' states; records <c>Evacuated</c> or <c>EvacuationRestored</c> on each endpoint once every drain got there.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        if (State.Evacuation is not { State: EvacuationState.Evacuating or EvacuationState.Restoring } evacuation)
        {
            KeepFollowTimer();
            return;
        }

        var endpoints = new List<EvacuatedEndpoint>();
        foreach (var endpoint in evacuation.Drains)
        {
            var drain = endpoint.DrainId is null ? null : (await GrainFactory.GetGrain<IEndpointGrain>(endpoint.Endpoint).GetSnapshotAsync()).Drain;
            endpoints.Add(drain?.Id == endpoint.DrainId && drain is not null ? endpoint with { DrainState = Text(drain.State) } : endpoint);
        }

        var target = evacuation.State == EvacuationState.Evacuating ? DrainState.Drained : DrainState.Restored;
        var drains = endpoints.Where(e => e.DrainId is not null).ToList();
        var done = drains.All(e => e.DrainState == Text(target) || (target == DrainState.Drained && e.DrainState is "undraining" or "restored"));
        var next = evacuation with { Drains = endpoints };
        if (done)
        {
            var kind = target == DrainState.Drained ? DecisionKind.Evacuated : DecisionKind.EvacuationRestored;
            foreach (var endpoint in drains)
            {
                await GrainFactory.GetGrain<IEndpointGrain>(endpoint.Endpoint).RecordDrainDecisionAsync(kind, $"evacuation {evacuation.Id} of {DatacenterId}: every drain {Text(target)}");
            }

            next = target == DrainState.Drained
                ? next with { State = EvacuationState.Evacuated, EvacuatedAt = time.GetUtcNow() }
                : next with { State = EvacuationState.Restored, RestoredAt = time.GetUtcNow() };
            LogEvacuation(logger, DatacenterId, evacuation.Id, Text(next.State), drains.Count, 0);
        }

        if (next.State != evacuation.State || !next.Drains.SequenceEqual(evacuation.Drains))
        {
            State.Evacuation = next;
            await FencedWriteAsync();
        }

        KeepFollowTimer();
    }

    private IEnumerable<(string Service, string Endpoint)> EndpointsHere() =>
        cluster.HasDefinition
            ? cluster.Definition.Cluster.Services.SelectMany(s => s.Endpoints.Where(e => e.Datacenter == DatacenterId).Select(e => (s.Id, e.Id)))
            : [];

    private async Task FencedWriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            LogFenced(logger, DatacenterId, e.Message);
            _followTimer?.Dispose();
            this.DeactivateOnIdle();
            throw;
        }
    }

    private static string Text(Enum value) => value.ToString().ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Datacenter {Datacenter}: evacuation {Evacuation} {State} ({Drains} drain(s), {Refused} refused by budget)")]
    private static partial void LogEvacuation(ILogger logger, string datacenter, string evacuation, string state, int drains, int refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Datacenter grain {Datacenter} was fenced out (a newer activation wrote its state): deactivating without acting. {Detail}")]
    private static partial void LogFenced(ILogger logger, string datacenter, string detail);
}
