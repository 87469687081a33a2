using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Api.Access;

/// <summary>The text of an API key, <c>cpk_&lt;id&gt;_&lt;secret&gt;</c>, and the hash stored for it.</summary>
/// <remarks>
/// The id (12 hex digits) is public: it finds the stored record without a scan. The secret is 32 bytes
/// from the OS's cryptographic generator (256 bits); only its SHA-256 is stored. A slow password hash
/// (bcrypt, Argon2) exists to make guessing low-entropy passwords expensive; a 256-bit random secret
/// cannot be guessed from its SHA-256 however fast the hash is, and a fast hash costs microseconds on
/// every request instead of tens of milliseconds. Comparison is constant-time.
/// </remarks>
public static class ApiKeySecret
{
    private const string Prefix = "cpk_";

    /// <summary>A new key: its id, its full text (shown once) and the hash to store.</summary>
    public static (string Id, string Text, string Hash) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a key text into id and secret; false when it is not shaped like one of our keys.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length != Prefix.Length + 12 + 1 + 43 || text[Prefix.Length + 12] != '_')
        {
            return false;
        }

        id = text.Substring(Prefix.Length, 12);
        secret = text[(Prefix.Length + 13)..];
        return id.All(char.IsAsciiHexDigitLower);
    }

    /// <summary>SHA-256 of the text, lower-case hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
