using System.Globalization;
using ControlPlane.Core.Maintenance;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Service;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Maintenance;

/// <summary>Starts and ends maintenance windows on time: drains (through the budget) or mutes their endpoints.</summary>
/// <remarks>
/// The windows are this grain's fenced state, and the <see cref="GrainKeeper"/> keeps it active on
/// one silo, so after a restart or a kill -9 the next activation reads them and a one-second timer
/// starts and ends each on time (<see cref="MaintenanceSchedule"/>). A start resolves the target to
/// endpoints then (so an endpoint added later is not covered), and every step it takes is
/// idempotent (draining a drained endpoint, muting a muted one), so a crash between a step and the
/// write that records it only repeats the step. A window's end undrains only the drains it started.
/// </remarks>
[GrainType(GrainKinds.Maintenance), ControlPlanePlacement]
internal sealed partial class MaintenanceGrain(
    [PersistentState("maintenance", ControlPlaneGrainStorage.Name)] IPersistentState<MaintenanceGrainState> state,
    ClusterContext cluster,
    LocalGrains local,
    TimeProvider time,
    ILogger<MaintenanceGrain> logger) : ControlPlaneGrain(local), IMaintenanceGrain
{
    /// <summary>Ended and cancelled windows are listed this long, then forgotten (their decisions stay in the audit log).</summary>
    public static readonly TimeSpan KeepFinishedFor = TimeSpan.FromDays(7);

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private MaintenanceGrainState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.Epoch++;
        await state.WriteStateAsync(); // the fence: any older activation's next write now fails
        await base.OnActivateAsync(cancellationToken);
        this.RegisterGrainTimer(RunDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Tick) { KeepAlive = true });
    }

    public async Task<MaintenanceWindow> ScheduleAsync(MaintenanceWindow window)
    {
        State.Sequence++;
        var scheduled = window with { Id = $"mw-{State.Sequence.ToString(CultureInfo.InvariantCulture)}", State = MaintenanceState.Scheduled };
        State.Windows.Add(scheduled);
        await FencedWriteAsync();
        LogWindow(logger, scheduled.Id, "scheduled", scheduled.TargetKind, scheduled.TargetId, scheduled.Mode);
        await RunDueAsync(CancellationToken.None); // a window that starts now starts now
        return State.Windows.Single(w => w.Id == scheduled.Id);
    }

    public Task<IReadOnlyList<MaintenanceWindow>> ListAsync() => Task.FromResult<IReadOnlyList<MaintenanceWindow>>(State.Windows.ToList());

    public async Task<MaintenanceWindow?> CancelAsync(string id)
    {
        if (State.Windows.FirstOrDefault(w => w.Id == id) is not { } window)
        {
            return null;
        }

        if (window.State is MaintenanceState.Scheduled or MaintenanceState.Active)
        {
            if (window.State == MaintenanceState.Active)
            {
                await EndAsync(window);
            }

            Replace(window with { State = MaintenanceState.Cancelled, EndedAt = time.GetUtcNow() });
            await FencedWriteAsync();
            LogWindow(logger, id, "cancelled", window.TargetKind, window.TargetId, window.Mode);
        }

        return State.Windows.Single(w => w.Id == id);
    }

    private async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = State.Windows.RemoveAll(w => w.EndedAt is { } ended && now - ended > KeepFinishedFor) > 0;
        foreach (var step in MaintenanceSchedule.Due(State.Windows, now))
        {
            var window = step.Window;
            switch (step.Kind)
            {
                case MaintenanceStepKind.Start:
                    var endpoints = await StartAsync(window);
                    Replace(window with { State = MaintenanceState.Active, StartedAt = now, Endpoints = endpoints });
                    break;
                case MaintenanceStepKind.End:
                    await EndAsync(window);
                    Replace(window with { State = MaintenanceState.Ended, EndedAt = now });
                    break;
                default:
                    Replace(window with { State = MaintenanceState.Ended, EndedAt = now });
                    break;
            }

            LogWindow(logger, window.Id, step.Kind.ToString().ToLowerInvariant(), window.TargetKind, window.TargetId, window.Mode);
            changed = true;
        }

        if (changed)
        {
            await FencedWriteAsync();
        }
    }

    private async Task<IReadOnlyList<string>> StartAsync(MaintenanceWindow window)
    {
        var origin = DrainOrigins.Maintenance(window.Id);
        var endpoints = Resolve(window).ToList();
        foreach (var (service, endpoint) in endpoints)
        {
            if (window.Mode == MaintenanceMode.Drain)
            {
                await GrainFactory.GetGrain<IServiceGrain>(service).RequestDrainAsync(endpoint, new DrainRequest(window.Reason, window.CreatedBy, window.Force, origin));
            }
            else
            {
                await GrainFactory.GetGrain<IEndpointGrain>(endpoint).MuteAsync(window.Id, window.Reason);
            }
        }

        return endpoints.Select(e => e.Endpoint).ToList();
    }

    private async Task EndAsync(MaintenanceWindow window)
    {
        var origin = DrainOrigins.Maintenance(window.Id);
        foreach (var endpoint in window.Endpoints ?? [])
        {
            var grain = GrainFactory.GetGrain<IEndpointGrain>(endpoint);
            if (window.Mode == MaintenanceMode.Drain)
            {
                await grain.UndrainAsync("maintenance", origin, onlyOrigin: origin);
            }
            else
            {
                await grain.UnmuteAsync(window.Id);
            }
        }
    }

    /// <summary>The window's endpoints in the current definition, with their services.</summary>
    private IEnumerable<(string Service, string Endpoint)> Resolve(MaintenanceWindow window)
    {
        if (!cluster.HasDefinition)
        {
            return [];
        }

        return cluster.Definition.Cluster.Services
            .SelectMany(s => s.Endpoints.Select(e => (Service: s, Endpoint: e)))
            .Where(p => window.TargetKind switch
            {
                MaintenanceTargetKind.Endpoint => p.Endpoint.Id == window.TargetId,
                MaintenanceTargetKind.Service => p.Service.Id == window.TargetId,
                _ => p.Endpoint.Datacenter == window.TargetId,
            })
            .Select(p => (p.Service.Id, p.Endpoint.Id));
    }

    private void Replace(MaintenanceWindow window) => State.Windows[State.Windows.FindIndex(w => w.Id == window.Id)] = window;

    private async Task FencedWriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            LogFenced(logger, e.Message);
            this.DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance window {Window} {Step}: {TargetKind} {Target}, mode {Mode}")]
    private static partial void LogWindow(ILogger logger, string window, string step, MaintenanceTargetKind targetKind, string target, MaintenanceMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance grain was fenced out (a newer activation wrote its state): deactivating without acting. {Detail}")]
    private static partial void LogFenced(ILogger logger, string detail);
}
