using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Maps grains to a fixed number of shards per grain kind; a shard is the unit of ownership.</summary>
/// <remarks>
/// The hash is 32-bit FNV-1a of the key's UTF-16 code units, stable across processes and versions, so every silo computes
/// the same shard for a grain. Probe shards are named per region (<c>probe.eu-central.7</c>) so a
/// region's probes are owned only by silos of that region.
/// </remarks>
public sealed class ShardMap(int shardsPerKind = 16)
{
    public int ShardsPerKind { get; } = shardsPerKind > 0 ? shardsPerKind : throw new ArgumentOutOfRangeException(nameof(shardsPerKind));

    public string ShardOf(GrainId grain)
    {
        var hash = Fnv1a(grain.Key);
        var index = hash % (uint)ShardsPerKind;
        var region = GrainKeys.RegionOf(grain);
        return region is null ? $"{grain.Kind}.{index}" : $"{grain.Kind}.{region}.{index}";
    }

    private static uint Fnv1a(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>The region of a region-affine shard name (<c>probe.eu-central.7</c>), or null.</summary>
    public static string? RegionOfShard(string shard)
    {
        var parts = shard.Split('.');
        return parts.Length == 3 ? parts[1] : null;
    }

    /// <summary>Every shard of a kind (for one region, for region-affine kinds).</summary>
    public IEnumerable<string> ShardsOf(string kind, string? region = null) =>
        Enumerable.Range(0, ShardsPerKind).Select(i => region is null ? $"{kind}.{i}" : $"{kind}.{region}.{i}");
}
