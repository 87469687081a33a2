namespace ControlPlane.Core.Maintenance;

/// <summary>Which maintenance windows must start or end now.</summary>
/// <remarks>
/// A scheduled window whose start has come starts, unless its end has passed too (the silos were
/// all down for the whole window): then it is ended without ever starting, so a restart never
/// drains for a window that is over. An active window whose end has come ends. Nothing else moves.
/// </remarks>
public static class MaintenanceSchedule
{
    public static IReadOnlyList<MaintenanceStep> Due(IEnumerable<MaintenanceWindow> windows, DateTimeOffset now)
    {
        var steps = new List<MaintenanceStep>();
        foreach (var w in windows)
        {
            if (w.State == MaintenanceState.Scheduled && now >= w.End)
            {
                steps.Add(new MaintenanceStep(w, MaintenanceStepKind.Skip));
            }
            else if (w.State == MaintenanceState.Scheduled && now >= w.Start)
            {
                steps.Add(new MaintenanceStep(w, MaintenanceStepKind.Start));
            }
            else if (w.State == MaintenanceState.Active && now >= w.End)
            {
                steps.Add(new MaintenanceStep(w, MaintenanceStepKind.End));
            }
        }

        return steps;
    }

    /// <summary>When the next start or end is due, for arming a timer; null when none is.</summary>
    public static DateTimeOffset? NextDue(IEnumerable<MaintenanceWindow> windows) =>
        windows.Select(w => w.State switch
            {
                MaintenanceState.Scheduled => (DateTimeOffset?)w.Start,
                MaintenanceState.Active => w.End,
                _ => null,
            })
            .Where(t => t is not null)
            .Min();

    /// <summary>Problems with a new window, each naming its field; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (end <= start)
        {
            problems.Add("end: must be after start");
        }

        if (end <= now)
        {
            problems.Add("end: is in the past");
        }

        if (end - start > TimeSpan.FromDays(31))
        {
            problems.Add("end: a window may last at most 31 days");
        }

        return problems;
    }
}

/// <summary>What to do with a window now.</summary>
public enum MaintenanceStepKind
{
    Start,
    End,

    /// <summary>Its whole window passed while no silo could start it: mark it ended, touch nothing.</summary>
    Skip,
}

/// <summary>One window and what to do with it.</summary>
public sealed record MaintenanceStep(MaintenanceWindow Window, MaintenanceStepKind Kind);
