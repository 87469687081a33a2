using Orleans.Runtime;

namespace ControlPlane.Grains.Placement;

/// <summary>Where a control-plane grain belongs among the live silos.</summary>
/// <remarks>
/// A probe grain (<c>probe/{endpoint}@{region}</c>) may only run on a silo of its region, so a
/// region's verdicts always come from that continent; with no live silo there, it runs nowhere and
/// the region's verdicts go stale (the quorum then counts it as not reporting). Every other grain may
/// run anywhere. Among the eligible silos, rendezvous hashing on the grain id picks one, which spreads
/// grains evenly and moves only about 1/N of them when a silo joins or leaves. The placement director
/// and the <see cref="Hosting.GrainKeeper"/> both use this function, so the keeper can tell which grains
/// belong on its silo and which local activations are misplaced after a membership change.
/// </remarks>
public static class GrainPlacement
{
    /// <summary>The silo that should host <paramref name="grain"/>, or null when no candidate is eligible.</summary>
    public static SiloAddress? Choose(GrainId grain, IEnumerable<SiloAddress> candidates, Func<SiloAddress, string?> regionOf)
    {
        var key = grain.Key.ToString()!;
        var eligible = grain.Type.ToString() == GrainKinds.Probe && GrainKeys.RegionOf(key) is { } region
            ? candidates.Where(s => regionOf(s) == region)
            : candidates;
        return RendezvousHash.Pick(grain.ToString(), eligible, s => s.ToParsableString());
    }
}
