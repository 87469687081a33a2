using System.Collections.Concurrent;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing.Secrets;

/// <summary>Resolves <c>${env:NAME}</c> and <c>${file:/path}</c> on the probing silo, when a request is sent.</summary>
/// <remarks>
/// Files are re-read at most every 30 s, so a rotated secret is picked up without a restart and a
/// check at a 100 ms interval does not read a file ten times a second. A trailing newline is
/// removed. Values never reach logs or details: a missing secret is reported by its reference only.
/// </remarks>
internal sealed class SecretResolver(TimeProvider timeProvider)
{
    private static readonly TimeSpan FileCacheTime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset ReadAt)> _files = new(StringComparer.Ordinal);

    /// <summary>The secret's value; throws <see cref="SecretUnavailableException"/> naming the reference when there is none.</summary>
    public string Resolve(TemplatePart part) => part.Kind switch
    {
        TemplatePartKind.Environment => Environment.GetEnvironmentVariable(part.Value)
            ?? throw new SecretUnavailableException($"secret {part.Reference} is not set on this silo"),
        TemplatePartKind.File => ReadFile(part),
        _ => throw new ArgumentException($"{part.Kind} is not a secret", nameof(part)),
    };

    private string ReadFile(TemplatePart part)
    {
        var now = timeProvider.GetUtcNow();
        if (_files.TryGetValue(part.Value, out var cached) && now - cached.ReadAt < FileCacheTime)
        {
            return cached.Value;
        }

        try
        {
            var value = File.ReadAllText(part.Value).TrimEnd('\r', '\n');
            _files[part.Value] = (value, now);
            return value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretUnavailableException($"secret {part.Reference} cannot be read: {e.GetType().Name}");
        }
    }
}

/// <summary>A secret the check needs is not available on this silo; the message names the reference, never a value.</summary>
internal sealed class SecretUnavailableException(string message) : Exception(message);

/// <summary>The secret values one check used, so that a detail that happens to quote one (a server echoing it) shows <c>***</c> instead.</summary>
internal sealed class SecretMask
{
    private List<string>? _values;

    public string Add(string value)
    {
        if (value.Length >= 4)
        {
            (_values ??= []).Add(value);
        }

        return value;
    }

    public string Apply(string text)
    {
        foreach (var value in _values ?? [])
        {
            text = text.Replace(value, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
