using ControlPlane.Dns.Route53.Protocol;

namespace ControlPlane.Dns.Route53.Resilience;

/// <summary>Which Route 53 failures are retried, and how long to wait before each retry.</summary>
/// <remarks>
/// Retried: <c>Throttling</c> (and the model's <c>ThrottlingException</c>), <c>PriorRequestNotComplete</c>
/// (another change to the zone is still being processed), HTTP 429 and every 5xx, and requests that got
/// no response at all. The wait is "full jitter" exponential backoff, as botocore's <c>_retry.json</c>
/// (base times a random factor, growth factor 2): a uniform draw from
/// <c>[0, min(MaxDelay, BaseDelay * 2^retry)]</c>, which spreads clients that were throttled together.
/// </remarks>
internal sealed class RetryPolicy
{
    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "PriorRequestNotComplete",
        "RequestThrottled",
        "ServiceUnavailable",
        "InternalFailure",
    };

    private readonly Func<double> _random;

    /// <param name="maxAttempts">Attempts per request, the first included.</param>
    /// <param name="baseDelay">The backoff ceiling before the first retry.</param>
    /// <param name="maxDelay">The largest backoff ceiling.</param>
    /// <param name="random">A uniform draw from [0, 1); tests pin it.</param>
    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _random = random ?? Random.Shared.NextDouble;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public static bool IsRetryable(Route53Error error) =>
        error.StatusCode >= 500 || error.StatusCode == 429 || RetryableCodes.Contains(error.Code);

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var ceiling = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        ceiling = Math.Min(ceiling, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * _random());
    }
}
