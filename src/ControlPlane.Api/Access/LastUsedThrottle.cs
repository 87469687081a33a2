using System.Collections.Concurrent;

namespace ControlPlane.Api.Access;

/// <summary>Decides when a key's last-used time is written: at most once per <see cref="Every"/> per key, not once per request.</summary>
public sealed class LastUsedThrottle(TimeProvider time)
{
    /// <summary>One minute.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    /// <summary>True (and the time noted) when the key's use now should be written; false within a minute of the last write.</summary>
    public bool ShouldWrite(string keyId, out DateTimeOffset now)
    {
        var at = time.GetUtcNow();
        now = at;
        while (true)
        {
            if (!_written.TryGetValue(keyId, out var last))
            {
                if (_written.TryAdd(keyId, at))
                {
                    return true;
                }

                continue;
            }

            if (at - last < Every)
            {
                return false;
            }

            if (_written.TryUpdate(keyId, at, last))
            {
                return true;
            }
        }
    }
}
