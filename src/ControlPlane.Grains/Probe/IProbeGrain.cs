using ControlPlane.Runtime;

namespace ControlPlane.Grains.Probe;

/// <summary>One endpoint as seen from one region: runs the check on its schedule and keeps that region's verdict. Key: <c>{endpointId}@{region}</c>.</summary>
public interface IProbeGrain : IGrain
{
    Task<ProbeSnapshot> GetSnapshotAsync();
}
