using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace ControlPlane.Grains.Placement;

/// <summary>Orleans placement director for <see cref="ControlPlanePlacement"/>: region-affine probes, rendezvous hashing for all.</summary>
internal sealed class ControlPlanePlacementDirector(SiloRegions regions) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var chosen = GrainPlacement.Choose(target.GrainIdentity, context.GetCompatibleSilos(target), regions.RegionOf);
        return chosen is not null
            ? Task.FromResult(chosen)
            : throw new OrleansException($"No live silo can host {target.GrainIdentity}: no silo of region '{GrainKeys.RegionOf(target.GrainIdentity.Key.ToString()!)}' is in the cluster; its verdicts go stale until one joins.");
    }
}
