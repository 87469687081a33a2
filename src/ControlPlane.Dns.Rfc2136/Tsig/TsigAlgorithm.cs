using System.Security.Cryptography;

namespace ControlPlane.Dns.Rfc2136.Tsig;

/// <summary>A TSIG MAC algorithm (RFC 8945 6): its name on the wire and its HMAC.</summary>
internal sealed class TsigAlgorithm
{
    public static readonly TsigAlgorithm HmacSha256 = new("hmac-sha256.", 32, HMACSHA256.HashData);
    public static readonly TsigAlgorithm HmacSha512 = new("hmac-sha512.", 64, HMACSHA512.HashData);

    private readonly Func<byte[], byte[], byte[]> _hash;

    private TsigAlgorithm(string name, int macLength, Func<byte[], byte[], byte[]> hash)
    {
        Name = name;
        MacLength = macLength;
        _hash = hash;
    }

    /// <summary>The algorithm's domain name, lower case, with the trailing dot.</summary>
    public string Name { get; }

    /// <summary>Octets in an untruncated MAC.</summary>
    public int MacLength { get; }

    /// <summary>The names operators write in settings, as BIND's <c>tsig-keygen -a</c> knows them.</summary>
    public static IReadOnlyList<string> SupportedNames { get; } = ["hmac-sha256", "hmac-sha512"];

    /// <summary>Accepts <c>hmac-sha256</c> or <c>hmac-sha512</c>, any case, with or without the trailing dot.</summary>
    public static TsigAlgorithm? Find(string name) => name.Trim().TrimEnd('.').ToLowerInvariant() switch
    {
        "hmac-sha256" => HmacSha256,
        "hmac-sha512" => HmacSha512,
        _ => null,
    };

    public byte[] ComputeMac(byte[] secret, byte[] data) => _hash(secret, data);

    public override string ToString() => Name.TrimEnd('.');
}
