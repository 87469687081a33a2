using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Planning;

/// <summary>The changes that turn the record sets Route 53 serves at a name into the desired ones.</summary>
/// <remarks>
/// <para>A desired set that is missing is CREATEd; one that exists with the same routing policy but other
/// content (values, TTL, weight, a foreign health check) is UPSERTed; a served set that is no longer
/// desired is DELETEd with its exact current content, as Route 53 requires.</para>
/// <para>Route 53 refuses record sets of one name and type with different routing policies (and a simple
/// set next to any other). So a served set whose policy differs from the desired policy for its type,
/// or that changes policy under the same set identifier, is deleted first. The order is: those
/// conflicting deletes, then the creates and upserts, then the remaining deletes (so weighted and
/// multivalue answers gain their new members before losing old ones). Batches keep this order.</para>
/// </remarks>
internal static class ChangePlanner
{
    /// <param name="current">The A and AAAA record sets served at the name.</param>
    /// <param name="desired">The record sets that should be served there.</param>
    public static IReadOnlyList<Change> Plan(IReadOnlyList<ResourceRecordSet> current, IReadOnlyList<ResourceRecordSet> desired)
    {
        var desiredKinds = desired.GroupBy(d => d.Type.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First().Kind);
        var currentByKey = new Dictionary<RecordSetKey, ResourceRecordSet>();
        foreach (var set in current)
        {
            currentByKey.TryAdd(set.Key, set);
        }

        var conflicting = new List<Change>();
        var writes = new List<Change>();
        var removals = new List<Change>();
        var desiredKeys = new HashSet<RecordSetKey>();

        foreach (var want in desired)
        {
            desiredKeys.Add(want.Key);
            if (!currentByKey.TryGetValue(want.Key, out var have))
            {
                writes.Add(new Change(ChangeAction.Create, want));
            }
            else if (have.SameContentAs(want))
            {
                continue;
            }
            else if (have.Kind == want.Kind && have.AliasTarget is null)
            {
                writes.Add(new Change(ChangeAction.Upsert, want));
            }
            else
            {
                conflicting.Add(new Change(ChangeAction.Delete, have));
                writes.Add(new Change(ChangeAction.Create, want));
            }
        }

        foreach (var have in currentByKey.Values.Where(h => !desiredKeys.Contains(h.Key)))
        {
            var conflicts = desiredKinds.TryGetValue(have.Type.ToUpperInvariant(), out var kind) && kind != have.Kind;
            (conflicts ? conflicting : removals).Add(new Change(ChangeAction.Delete, have));
        }

        return [.. conflicting, .. writes, .. removals];
    }
}
