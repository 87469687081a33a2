using Orleans.Runtime;

namespace ControlPlane.Grains.Placement;

/// <summary>Placement of control-plane grains: probes on a silo of their region, everything spread by rendezvous hashing (see <see cref="GrainPlacement"/>).</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("controlplane-placement")]
public sealed class ControlPlanePlacement : PlacementStrategy
{
    internal static ControlPlanePlacement Instance { get; } = new();
}
