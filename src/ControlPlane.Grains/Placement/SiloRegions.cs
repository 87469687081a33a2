using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ControlPlane.Grains.Placement;

/// <summary>Which region each silo is in, from the silo metadata every silo publishes (<c>region</c>, <c>datacenter</c>, <c>silo</c>).</summary>
public sealed class SiloRegions(ISiloMetadataCache metadata, ILocalSiloDetails local, ClusterContext cluster)
{
    public const string RegionKey = "region";
    public const string DatacenterKey = "datacenter";
    public const string SiloIdKey = "silo";

    public SiloAddress LocalSilo => local.SiloAddress;

    /// <summary>The silo's region, or null while its metadata is not known here yet (such a silo gets no region-affine grain).</summary>
    public string? RegionOf(SiloAddress silo)
    {
        if (silo.Equals(local.SiloAddress))
        {
            return cluster.Silo.Region;
        }

        return metadata.GetSiloMetadata(silo)?.Metadata.TryGetValue(RegionKey, out var region) == true ? region : null;
    }

    /// <summary>The silo's configured id (the Orleans silo name), or null.</summary>
    public string? SiloIdOf(SiloAddress silo) =>
        silo.Equals(local.SiloAddress) ? cluster.Silo.Id
        : metadata.GetSiloMetadata(silo)?.Metadata.TryGetValue(SiloIdKey, out var id) == true ? id : null;
}
