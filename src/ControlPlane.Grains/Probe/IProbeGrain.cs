using Orleans.Concurrency;

namespace ControlPlane.Grains.Probe;

/// <summary>One endpoint as seen from one region: runs the check on its schedule and keeps that region's verdict. Key: <c>{endpointId}@{region}</c>.</summary>
[Alias("controlplane.probe")]
public interface IProbeGrain : IControlPlaneGrain
{
    [AlwaysInterleave]
    Task<ProbeSnapshot> GetSnapshotAsync();
}
