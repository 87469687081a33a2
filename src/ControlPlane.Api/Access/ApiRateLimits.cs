using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using ControlPlane.Configuration.Silo;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace ControlPlane.Api.Access;

/// <summary>
/// The <c>api</c> rate limit policy: a token bucket per key (per remote address for calls without a
/// key), <c>api.rateLimit.perSecond</c> sustained and <c>api.rateLimit.burst</c> at once, per silo.
/// A refused call is 429 with <c>Retry-After</c> (whole seconds) and a JSON error.
/// </summary>
internal static class ApiRateLimits
{
    public const string Policy = "api";

    public static void Configure(RateLimiterOptions options, ApiSettings settings)
    {
        options.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.RateLimitBurst,
            TokensPerPeriod = settings.RateLimitPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
            var response = rejected.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await response.WriteAsJsonAsync(new ApiError($"too many requests: at most {settings.RateLimitPerSecond} per second (burst {settings.RateLimitBurst}) per key; retry after {retryAfter} s", []), cancellationToken);
        };
    }

    /// <summary>The key id of an authenticated call, else the remote address.</summary>
    public static string PartitionOf(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId ? "key:" + keyId : "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
}
