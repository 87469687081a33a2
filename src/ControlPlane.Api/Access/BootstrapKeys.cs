using System.Security.Cryptography;
using System.Text;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Api.Access;

/// <summary>
/// The admin keys a silo accepts without the store: from the file <c>api.bootstrapKeyFile</c> and the
/// environment variable <c>api.bootstrapKeyEnv</c>. Kept only as SHA-256 hashes in memory.
/// </summary>
public sealed class BootstrapKeys
{
    /// <summary>The shortest bootstrap key accepted: 32 characters (about 190 bits as base64).</summary>
    public const int MinLength = 32;

    private readonly IReadOnlyList<byte[]> _hashes;

    public BootstrapKeys(IEnumerable<string> keys) => _hashes = keys.Select(HashOf).ToList();

    /// <summary>How many bootstrap keys are configured.</summary>
    public int Count => _hashes.Count;

    /// <summary>Reads the configured sources; every problem names its setting and the exact path or variable.</summary>
    public static (BootstrapKeys Keys, IReadOnlyList<string> Errors) Load(ApiSettings api, Func<string, string?> environment)
    {
        var keys = new List<string>();
        var errors = new List<string>();
        if (api.BootstrapKeyFile is { } file)
        {
            try
            {
                Add(keys, errors, File.ReadAllText(file).Trim(), $"api.bootstrapKeyFile: {file}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"api.bootstrapKeyFile: {file}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}"
                    + " (write a random key of at least 32 characters into it, e.g. `head -c 32 /dev/urandom | base64 > FILE`, as scripts/run-demo.sh does)");
            }
        }

        if (environment(api.BootstrapKeyEnv) is { Length: > 0 } fromEnvironment)
        {
            Add(keys, errors, fromEnvironment.Trim(), $"api.bootstrapKeyEnv: ${api.BootstrapKeyEnv}");
        }

        return (new BootstrapKeys(keys), errors);
    }

    /// <summary>Whether <paramref name="token"/> is one of the bootstrap keys (constant time per key).</summary>
    public bool Matches(string token)
    {
        var hash = HashOf(token);
        var match = false;
        foreach (var known in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return match;
    }

    private static void Add(List<string> keys, List<string> errors, string key, string where)
    {
        if (key.Length < MinLength)
        {
            errors.Add($"{where}: the key has {key.Length} characters; a bootstrap key needs at least {MinLength}");
            return;
        }

        keys.Add(key);
    }

    private static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
