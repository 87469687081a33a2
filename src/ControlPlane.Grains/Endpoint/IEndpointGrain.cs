using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
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

    /// <summary>Takes the endpoint out of DNS as if it had failed; recorded with who and why. Null if it was already drained.</summary>
    Task<Decision?> DrainAsync(string actor, string reason);

    /// <summary>Returns a drained endpoint. Null if it was not drained.</summary>
    Task<Decision?> UndrainAsync(string actor, string reason);

    [AlwaysInterleave]
    Task<EndpointSnapshot> GetSnapshotAsync();

    /// <summary>The regions' recent checks kept in memory since activation (for uptime bars and latency sparklines).</summary>
    [AlwaysInterleave]
    Task<CheckHistorySnapshot> GetCheckHistoryAsync();
}
