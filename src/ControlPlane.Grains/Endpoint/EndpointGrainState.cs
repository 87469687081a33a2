using ControlPlane.Core.Decisions;
using ControlPlane.Core.Quorum;

namespace ControlPlane.Grains.Endpoint;

/// <summary>Persisted on each decision, drain and change of a region's verdict.</summary>
public sealed class EndpointGrainState
{
    public EndpointDecisionState Decision { get; set; } = EndpointDecisionState.Initial;

    /// <summary>Each region's last report, as of the last persisted change.</summary>
    public Dictionary<string, RegionReport> Reports { get; set; } = [];

    public DrainInfo? Drain { get; set; }
}
