using ControlPlane.Core.Maintenance;

namespace ControlPlane.Core.Tests.Drains;

public sealed class MaintenanceScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 22, 0, 0, TimeSpan.Zero);

    private static MaintenanceWindow Window(string id, TimeSpan start, TimeSpan end, MaintenanceState state = MaintenanceState.Scheduled) =>
        new(id, MaintenanceTargetKind.Service, "web", T0 + start, T0 + end, MaintenanceMode.Drain, "upgrade", "ops", T0.AddDays(-1), State: state);

    [Fact]
    public void A_window_starts_at_its_start_and_ends_at_its_end_and_not_before()
    {
        var window = Window("mw-1", TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Empty(MaintenanceSchedule.Due([window], T0.AddTicks(-1)));
        Assert.Equal(MaintenanceStepKind.Start, Assert.Single(MaintenanceSchedule.Due([window], T0)).Kind);

        var active = window with { State = MaintenanceState.Active };
        Assert.Empty(MaintenanceSchedule.Due([active], T0.AddMinutes(59)));
        Assert.Equal(MaintenanceStepKind.End, Assert.Single(MaintenanceSchedule.Due([active], T0.AddHours(1))).Kind);
    }

    [Fact]
    public void A_window_that_passed_entirely_while_no_silo_ran_is_skipped_not_started()
    {
        var window = Window("mw-1", TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Assert.Equal(MaintenanceStepKind.Skip, Assert.Single(MaintenanceSchedule.Due([window], T0.AddMinutes(11))).Kind);
    }

    [Fact]
    public void Ended_and_cancelled_windows_never_move_and_the_next_due_time_is_the_earliest_pending_edge()
    {
        var windows = new[]
        {
            Window("mw-1", TimeSpan.FromMinutes(-30), TimeSpan.FromMinutes(-20), MaintenanceState.Ended),
            Window("mw-2", TimeSpan.FromMinutes(-5), TimeSpan.FromMinutes(5), MaintenanceState.Cancelled),
            Window("mw-3", TimeSpan.FromMinutes(-5), TimeSpan.FromMinutes(7), MaintenanceState.Active),
            Window("mw-4", TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(9)),
        };
        Assert.Empty(MaintenanceSchedule.Due(windows, T0));
        Assert.Equal(T0.AddMinutes(3), MaintenanceSchedule.NextDue(windows));
    }

    [Fact]
    public void A_new_window_must_end_after_it_starts_in_the_future_and_within_a_month()
    {
        Assert.Contains("end: must be after start", MaintenanceSchedule.Validate(T0, T0, T0.AddHours(-1)));
        Assert.Contains("end: is in the past", MaintenanceSchedule.Validate(T0.AddHours(-2), T0.AddHours(-1), T0));
        Assert.Contains("end: a window may last at most 31 days", MaintenanceSchedule.Validate(T0, T0.AddDays(32), T0));
        Assert.Empty(MaintenanceSchedule.Validate(T0.AddMinutes(-1), T0.AddHours(1), T0)); // already open: starts at once
    }
}
