using System.Collections.Concurrent;
using ControlPlane.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Api.Access;

/// <summary>Turns a bearer token into a caller: a bootstrap key, or a stored key that exists, is not revoked and whose secret matches.</summary>
/// <remarks>
/// Stored keys are cached for <see cref="CacheFor"/>, so a request costs no store read; a key revoked
/// through this silo is dropped from its cache at once, through another silo within <see cref="CacheFor"/>.
/// Unknown ids are not cached (a flood of made-up keys cannot fill memory; the rate limiter bounds it).
/// The last-used time is written in the background at most once a minute per key (<see cref="LastUsedThrottle"/>).
/// </remarks>
public sealed partial class ApiKeyVerifier(IControlPlaneStore store, BootstrapKeys bootstrap, TimeProvider time, ILogger<ApiKeyVerifier> logger)
{
    /// <summary>Five seconds.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (ApiKeyRecord Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly LastUsedThrottle _lastUsed = new(time);

    /// <summary>The caller, or null for an unknown, malformed or revoked key.</summary>
    public async Task<ApiCaller?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (bootstrap.Matches(token))
        {
            return ApiCaller.Bootstrap;
        }

        if (!ApiKeySecret.TryParse(token, out var id, out var secret))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || cached.Until <= now)
        {
            var stored = await store.Access.GetKeyAsync(id, cancellationToken);
            if (stored is null)
            {
                _cache.TryRemove(id, out _);
                return null;
            }

            cached = (stored, now + CacheFor);
            _cache[id] = cached;
        }

        var key = cached.Key;
        if (key.RevokedAt is not null || !ApiKeySecret.Matches(secret, key.SecretHash) || !ApiRoles.TryParse(key.Role, out var role))
        {
            return null;
        }

        if (_lastUsed.ShouldWrite(id, out var at))
        {
            _ = TouchAsync(id, at);
        }

        return new ApiCaller(id, key.Name, role);
    }

    /// <summary>Drops a key from the cache (after it was revoked here).</summary>
    public void Forget(string id) => _cache.TryRemove(id, out _);

    private async Task TouchAsync(string id, DateTimeOffset at)
    {
        try
        {
            await store.Access.TouchKeyAsync(id, at, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogTouchFailed(logger, id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of API key {KeyId}")]
    private static partial void LogTouchFailed(ILogger logger, string keyId, Exception exception);
}
