using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Decides which live silo should own each shard: rendezvous (highest random weight) hashing.</summary>
/// <remarks>
/// Every silo scores every shard as <c>hash(shard | silo id)</c> and the eligible silo with the
/// highest score owns it. All silos compute the same answer from the same membership view, and
/// when a silo joins or leaves only the shards it wins or held move (about 1/N of them). Probe
/// shards (<c>probe.{region}.{n}</c>) are eligible only to silos of that region, so a region's
/// probes always run from that region; other shards may live anywhere.
/// </remarks>
public static class RendezvousPlacement
{
    /// <summary>The shards among <paramref name="shards"/> that <paramref name="self"/> should own.</summary>
    public static IEnumerable<string> ShardsOwnedBy(string self, IReadOnlyList<SiloEntry> live, IEnumerable<string> shards) =>
        shards.Where(shard => OwnerOf(shard, live) == self);

    /// <summary>The silo that should own <paramref name="shard"/>, or null when no live silo is eligible.</summary>
    public static string? OwnerOf(string shard, IReadOnlyList<SiloEntry> live)
    {
        var region = ShardMap.RegionOfShard(shard);
        string? best = null;
        var bestScore = 0UL;
        foreach (var silo in live)
        {
            if (region is not null && silo.Region != region)
            {
                continue;
            }

            var score = Score(shard, silo.SiloId);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(silo.SiloId, best) < 0))
            {
                best = silo.SiloId;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>64-bit FNV-1a over "shard|silo", then a final avalanche so close inputs spread well.</summary>
    private static ulong Score(string shard, string silo)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in shard)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ '|') * 1099511628211UL;
        foreach (var c in silo)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
