namespace ControlPlane.Testing.Route53;

/// <summary>One hosted zone of the local Route 53: its record sets and when its last change finishes processing.</summary>
public sealed class FakeHostedZone
{
    private readonly Dictionary<(string, string, string?), FakeRecordSet> _sets = new();

    public FakeHostedZone(string id, string name)
    {
        Id = id;
        Name = name.ToLowerInvariant().TrimEnd('.') + ".";
        Put(new FakeRecordSet { Name = Name, Type = "SOA", Ttl = 900, Values = [$"ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"] });
        Put(new FakeRecordSet { Name = Name, Type = "NS", Ttl = 172800, Values = ["ns-1.awsdns-00.com.", "ns-2.awsdns-00.net."] });
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Serializes requests to this zone.</summary>
    internal object Gate { get; } = new();

    /// <summary>A change arriving before this instant gets PriorRequestNotComplete.</summary>
    internal DateTimeOffset BusyUntil { get; set; }

    /// <summary>Every record set, in Route 53's listing order.</summary>
    public IReadOnlyList<FakeRecordSet> RecordSets
    {
        get
        {
            lock (Gate)
            {
                return _sets.Values.OrderBy(s => s, ListingOrder.Instance).ToList();
            }
        }
    }

    /// <summary>The A and AAAA record sets at one name.</summary>
    public IReadOnlyList<FakeRecordSet> AddressSetsAt(string name) =>
        RecordSets.Where(s => s.Name == Canonical(name) && s.Type is "A" or "AAAA").ToList();

    /// <summary>Writes a record set directly, behind the API's back (drift).</summary>
    public void Put(FakeRecordSet set)
    {
        lock (Gate)
        {
            _sets[set.Key] = set with { Name = Canonical(set.Name) };
        }
    }

    public bool Remove(string name, string type, string? setIdentifier = null)
    {
        lock (Gate)
        {
            return _sets.Remove((Canonical(name), type, setIdentifier));
        }
    }

    internal Dictionary<(string, string, string?), FakeRecordSet> Snapshot() => new(_sets);

    internal void Replace(Dictionary<(string, string, string?), FakeRecordSet> sets)
    {
        _sets.Clear();
        foreach (var (key, value) in sets)
        {
            _sets[key] = value;
        }
    }

    public static string Canonical(string name) => name.ToLowerInvariant().TrimEnd('.') + ".";
}
