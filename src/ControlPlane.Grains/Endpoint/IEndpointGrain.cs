using ControlPlane.Core.Drains;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Endpoint.History;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Endpoint;

/// <summary>Combines the regions' verdicts on one endpoint into its health by quorum. Key: endpoint id.</summary>
[Alias("controlplane.endpoint")]
public interface IEndpointGrain : IControlPlaneGrain
{
    /// <summary>A region's latest verdict; sent after every check (one-way) so staleness means what it says.</summary>
    [OneWay]
    Task ReportVerdictAsync(RegionReport report);

    /// <summary>
    /// Starts a drain the service grain admitted (only it calls this, after checking the budget): the
    /// endpoint leaves the desired record set at once and the drain moves on as DNS follows. Returns
    /// the drain in progress unchanged when one is (draining or drained).
    /// </summary>
    Task<DrainRecord> BeginDrainAsync(DrainRequest request, BudgetVerdict budget);

    /// <summary>Records that a drain was refused for the budget (a decision with its evidence).</summary>
    Task RecordRefusalAsync(DrainRequest request, BudgetVerdict budget);

    /// <summary>
    /// Returns a draining or drained endpoint; the drain becomes <c>undraining</c>, then <c>restored</c>.
    /// Null when there is nothing to undrain, or when <paramref name="onlyOrigin"/> is given and the drain came from elsewhere.
    /// </summary>
    Task<DrainRecord?> UndrainAsync(string by, string origin, string? onlyOrigin = null);

    /// <summary>Records a decision about the endpoint's current drain (<c>Evacuated</c>, <c>EvacuationRestored</c>).</summary>
    Task RecordDrainDecisionAsync(DecisionKind kind, string reason);

    /// <summary>A <c>mute</c> maintenance window opens (<c>MaintenanceStarted</c>); decisions are marked muted until it closes.</summary>
    Task MuteAsync(string windowId, string reason);

    /// <summary>The window closes (<c>MaintenanceEnded</c>); nothing happens if another window muted it.</summary>
    Task UnmuteAsync(string windowId);

    [AlwaysInterleave]
    Task<EndpointSnapshot> GetSnapshotAsync();

    /// <summary>The regions' recent checks kept in memory since activation (for uptime bars and latency sparklines).</summary>
    [AlwaysInterleave]
    Task<CheckHistorySnapshot> GetCheckHistoryAsync();
}
