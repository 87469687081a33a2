using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Tsig;

/// <summary>A TSIG shared secret with its key name and algorithm. <see cref="ToString"/> never shows the secret.</summary>
internal sealed class TsigKey
{
    private readonly byte[] _secret;

    public TsigKey(string name, TsigAlgorithm algorithm, byte[] secret)
    {
        if (secret.Length == 0)
        {
            throw new ArgumentException("a TSIG secret cannot be empty", nameof(secret));
        }

        Name = DnsName.Normalize(name);
        Algorithm = algorithm;
        _secret = secret.ToArray();
    }

    /// <summary>The key name, lower case, with the trailing dot: the owner name of the TSIG record.</summary>
    public string Name { get; }

    public TsigAlgorithm Algorithm { get; }

    public byte[] ComputeMac(byte[] data) => Algorithm.ComputeMac(_secret, data);

    public override string ToString() => $"{Name} ({Algorithm})";
}
