using ControlPlane.Core.Maintenance;

namespace ControlPlane.Grains.Maintenance;

/// <summary>Persisted on activation (epoch), when a window is scheduled or cancelled, and when one starts or ends.</summary>
public sealed class MaintenanceGrainState
{
    /// <summary>Bumped by every activation's first write, which fences out any older activation still running.</summary>
    public long Epoch { get; set; }

    public long Sequence { get; set; }

    /// <summary>Scheduled and active windows, and those that ended or were cancelled in the last <see cref="MaintenanceGrain.KeepFinishedFor"/>.</summary>
    public List<MaintenanceWindow> Windows { get; set; } = [];
}
