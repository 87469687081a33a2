using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136;

/// <summary>Builds the RFC 2136 UPDATE that takes one name from the state we expect to the state we want.</summary>
/// <remarks>
/// Prerequisites pin the expected state of both rrsets: "RRset exists (value dependent)" (class IN,
/// TTL 0, each expected record) when we expect records, "RRset does not exist" (class NONE, type,
/// no data) when we expect none. The server compares whole rrsets, so any record added, removed
/// or changed behind our back fails the update with NXRRSET or YXRRSET and nothing is applied.
/// Prerequisites do not compare TTLs (RFC 2136 2.4.2).
/// For each rrset that must change, the update section deletes the rrset (class ANY) and adds the
/// wanted records (class IN, with the TTL). An update with nothing to change has prerequisites
/// only: it asserts that the server still serves what we believe, and changes nothing.
/// The fence (a TXT record at <see cref="FenceName"/>) is pinned the same way, and an update
/// that carries a next fence replaces it: an UPDATE that reaches the server late (held in a
/// frozen server's socket, retransmitted) pins a fence that a later update has replaced, so it
/// fails instead of undoing that update, even when the records went back to what it expected.
/// </remarks>
internal static class UpdateMessageFactory
{
    private const uint FenceTtl = 60;

    /// <summary>The TXT record whose value changes with every update we make at <paramref name="name"/>.</summary>
    public static string FenceName(string name) => "_controlplane-fence." + name;

    /// <param name="expectedFence">The fence we believe is there; null when we believe there is none.</param>
    /// <param name="nextFence">The fence this update writes; null to leave it alone (an update that changes nothing).</param>
    public static DnsMessage Create(ushort id, string zone, NameState expected, string? expectedFence, NameState wanted, string? nextFence)
    {
        var fence = FenceName(expected.Name);
        var prerequisites = new List<DnsRecord>
        {
            expectedFence is null
                ? new DnsRecord(fence, DnsType.TXT, DnsClass.NONE, 0, EmptyData.Instance)
                : new DnsRecord(fence, DnsType.TXT, DnsClass.IN, 0, new TxtData([expectedFence])),
        };
        var updates = new List<DnsRecord>();
        if (nextFence is not null)
        {
            if (expectedFence is not null)
            {
                updates.Add(new DnsRecord(fence, DnsType.TXT, DnsClass.ANY, 0, EmptyData.Instance));
            }

            updates.Add(new DnsRecord(fence, DnsType.TXT, DnsClass.IN, FenceTtl, new TxtData([nextFence])));
        }

        foreach (var (before, after) in expected.Rrsets.Zip(wanted.Rrsets))
        {
            if (before.Exists)
            {
                prerequisites.AddRange(before.Addresses.Select(a => new DnsRecord(expected.Name, before.Type, DnsClass.IN, 0, new AddressData(a))));
            }
            else
            {
                prerequisites.Add(new DnsRecord(expected.Name, before.Type, DnsClass.NONE, 0, EmptyData.Instance));
            }

            if (before.Equals(after))
            {
                continue;
            }

            if (before.Exists)
            {
                updates.Add(new DnsRecord(wanted.Name, after.Type, DnsClass.ANY, 0, EmptyData.Instance));
            }

            updates.AddRange(after.Addresses.Select(a => new DnsRecord(wanted.Name, after.Type, DnsClass.IN, after.Ttl, new AddressData(a))));
        }

        return new DnsMessage
        {
            Id = id,
            Opcode = DnsOpcode.Update,
            Questions = [new DnsQuestion(zone, DnsType.SOA)],
            Answers = prerequisites,
            Authorities = updates,
        };
    }
}
