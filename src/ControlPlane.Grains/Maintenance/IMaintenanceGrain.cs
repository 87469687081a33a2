using ControlPlane.Core.Maintenance;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Maintenance;

/// <summary>Every maintenance window of the cluster, started and ended on time. One grain, key <see cref="Key"/>.</summary>
[Alias("controlplane.maintenance")]
public interface IMaintenanceGrain : IControlPlaneGrain
{
    public const string Key = "cluster";

    /// <summary>Stores a new window (its id is assigned here) and returns it.</summary>
    Task<MaintenanceWindow> ScheduleAsync(MaintenanceWindow window);

    [AlwaysInterleave]
    Task<IReadOnlyList<MaintenanceWindow>> ListAsync();

    /// <summary>Cancels a window: a scheduled one never starts, an active one ends now. Null when unknown.</summary>
    Task<MaintenanceWindow?> CancelAsync(string id);
}
