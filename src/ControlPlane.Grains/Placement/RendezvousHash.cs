namespace ControlPlane.Grains.Placement;

/// <summary>Highest-random-weight (rendezvous) hashing: every node scores every key, the best score wins.</summary>
/// <remarks>
/// All silos compute the same winner from the same candidate set, and when a candidate joins or
/// leaves only the keys it wins or held move (about 1/N of them), so placement stays even and stable.
/// </remarks>
public static class RendezvousHash
{
    /// <summary>The candidate with the highest score for <paramref name="key"/>, or null when there is none. Ties go to the lower name.</summary>
    public static T? Pick<T>(string key, IEnumerable<T> candidates, Func<T, string> nameOf)
        where T : class
    {
        T? best = null;
        string? bestName = null;
        var bestScore = 0UL;
        foreach (var candidate in candidates)
        {
            var name = nameOf(candidate);
            var score = Score(key, name);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(name, bestName) < 0))
            {
                best = candidate;
                bestName = name;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>64-bit FNV-1a over "key|node", then a final avalanche so close inputs spread well.</summary>
    public static ulong Score(string key, string node)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ '|') * 1099511628211UL;
        foreach (var c in node)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
