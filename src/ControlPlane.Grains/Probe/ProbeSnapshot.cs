using ControlPlane.Core.Model;
using ControlPlane.Core.Verdicts;

namespace ControlPlane.Grains.Probe;

/// <summary>A probe grain's current view, for the API.</summary>
[GenerateSerializer, Alias("controlplane.probe-snapshot")]
public sealed record ProbeSnapshot(string EndpointId, string Region, RegionVerdictState Verdict, Observation? LastObservation, TimeSpan Lag);
