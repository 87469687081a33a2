using System.Security.Cryptography;

namespace ControlPlane.Testing.Bind;

/// <summary>A TSIG key as named.conf declares it: name (fully qualified), algorithm and base64 secret.</summary>
/// <param name="MayUpdate">Whether the zone's <c>allow-update</c> lists the key; a key that may not update can still sign queries.</param>
public sealed record TsigKey(string Name, string Algorithm, string Secret, bool MayUpdate = true)
{
    /// <summary>A key with a fresh random secret: 32 octets for hmac-sha256, 64 for hmac-sha512.</summary>
    public static TsigKey Generate(string name, string algorithm = "hmac-sha256", bool mayUpdate = true) =>
        new(name, algorithm, Convert.ToBase64String(RandomNumberGenerator.GetBytes(algorithm == "hmac-sha512" ? 64 : 32)), mayUpdate);

    /// <summary>The key as a BIND <c>key</c> statement, the format of <c>tsig-keygen</c>'s output and of <c>nsupdate -k</c> files.</summary>
    public string KeyStatement() => $"key \"{Name}\" {{\n  algorithm {Algorithm};\n  secret \"{Secret}\";\n}};\n";

    /// <summary>Leaves the secret out, so that a key printed in a test failure gives nothing away.</summary>
    public override string ToString() => $"{Name} ({Algorithm})";
}
