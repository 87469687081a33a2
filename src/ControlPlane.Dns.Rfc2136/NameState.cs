using System.Net.Sockets;
using ControlPlane.Core.Failover;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136;

/// <summary>What a server holds, or what we want it to hold, at one name: its A and AAAA rrsets.</summary>
internal sealed record NameState(string Name, RrsetState A, RrsetState Aaaa)
{
    public IEnumerable<RrsetState> Rrsets => [A, Aaaa];

    /// <summary>The state that serves exactly the targets of <paramref name="desired"/>.</summary>
    public static NameState From(DesiredRecordSet desired)
    {
        var ttl = checked((uint)desired.Ttl);
        var v4 = desired.Targets.Where(t => t.Address.AddressFamily == AddressFamily.InterNetwork).Select(t => t.Address);
        var v6 = desired.Targets.Where(t => t.Address.AddressFamily == AddressFamily.InterNetworkV6).Select(t => t.Address);
        return new NameState(DnsName.Normalize(desired.Name), new RrsetState(DnsType.A, v4, ttl), new RrsetState(DnsType.AAAA, v6, ttl));
    }

    public RrsetState Get(DnsType type) => type == DnsType.A ? A : Aaaa;

    public IReadOnlyList<PublishedRecord> ToPublishedRecords() =>
        Rrsets.SelectMany(r => r.Addresses.Select(a => new PublishedRecord(Name, r.Type.ToString(), a.ToString(), (int)r.Ttl))).ToList();

    /// <summary>What changes from this state to <paramref name="next"/>, for logs and apply summaries.</summary>
    public string DescribeChangesTo(NameState next)
    {
        var parts = new List<string>();
        foreach (var (before, after) in Rrsets.Zip(next.Rrsets))
        {
            var added = after.Addresses.Except(before.Addresses).ToList();
            var removed = before.Addresses.Except(after.Addresses).ToList();
            if (added.Count > 0)
            {
                parts.Add($"added {before.Type} {string.Join(", ", added)}");
            }

            if (removed.Count > 0)
            {
                parts.Add($"removed {before.Type} {string.Join(", ", removed)}");
            }

            if (before.Exists && after.Exists && before.Ttl != after.Ttl)
            {
                parts.Add($"{before.Type} TTL {before.Ttl} -> {after.Ttl}");
            }
        }

        return parts.Count == 0 ? "no change" : string.Join("; ", parts);
    }

    public override string ToString() => $"{Name} {A}, {Aaaa}";
}
