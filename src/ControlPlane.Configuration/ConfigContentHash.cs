using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Configuration;

/// <summary>A stable identity for a configuration text: the same text always gives the same hash, on any machine.</summary>
public static class ConfigContentHash
{
    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>, exactly as given (no normalisation).</summary>
    public static string Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
