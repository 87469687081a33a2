using ControlPlane.Core.Model;
using ControlPlane.Core.Verdicts;

namespace ControlPlane.Grains.Probe;

/// <summary>Persisted when the verdict or the success/failure of observations changes, not on every probe.</summary>
public sealed class ProbeGrainState
{
    public RegionVerdictState Verdict { get; set; } = RegionVerdictState.Initial;

    public Observation? LastObservation { get; set; }
}
