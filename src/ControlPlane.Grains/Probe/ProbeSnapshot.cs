using ControlPlane.Core.Model;
using ControlPlane.Core.Verdicts;

namespace ControlPlane.Grains.Probe;

/// <summary>A probe grain's current view, for the API.</summary>
public sealed record ProbeSnapshot(string EndpointId, string Region, RegionVerdictState Verdict, Observation? LastObservation);
