using System.Net;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136;

/// <summary>The A or AAAA rrset at a name: its addresses (sorted, distinct) and TTL. No addresses: the rrset does not exist.</summary>
internal sealed record RrsetState
{
    public RrsetState(DnsType type, IEnumerable<IPAddress> addresses, uint ttl)
    {
        Type = type;
        Addresses = addresses.Distinct().OrderBy(a => a.GetAddressBytes(), ByteOrder.Instance).ToList();
        Ttl = Addresses.Count == 0 ? 0 : ttl;
    }

    public DnsType Type { get; }

    public IReadOnlyList<IPAddress> Addresses { get; }

    public uint Ttl { get; }

    public bool Exists => Addresses.Count > 0;

    public static RrsetState Absent(DnsType type) => new(type, [], 0);

    /// <summary>Same addresses and, when it exists, same TTL.</summary>
    public bool Equals(RrsetState? other) =>
        other is not null && Type == other.Type && Ttl == other.Ttl && Addresses.SequenceEqual(other.Addresses);

    public override int GetHashCode() => HashCode.Combine(Type, Ttl, Addresses.Count);

    public override string ToString() =>
        Exists ? $"{Type} [{string.Join(", ", Addresses)}] TTL {Ttl}" : $"no {Type}";

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
