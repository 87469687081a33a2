namespace ControlPlane.Core.Webhooks;

/// <summary>Decides, after each attempt, whether a delivery is done, retried (when) or dead-lettered.</summary>
/// <remarks>
/// Backoff is exponential with "equal jitter": the n-th retry waits
/// <c>d = min(maxBackoff, initialBackoff * 2^(n-1))</c>, then half of <c>d</c> plus a random part of the
/// other half, so receivers coming back are not hit by every silo's retries in the same instant, and
/// no retry comes sooner than half the nominal delay. A receiver's <c>Retry-After</c> (on 429 or 503)
/// is honoured when longer. A 4xx other than 408 (timeout) and 429 (too many requests) says the
/// request itself is wrong (bad URL, bad token, rejected body): retrying cannot help, so it goes to
/// the dead letters at once, as do 3xx (redirects are not followed: a signed body is not re-sent
/// elsewhere). Anything else is retried until the event is <c>deadLetterAfter</c> old.
/// </remarks>
public sealed class DeliveryPolicy(Func<double> random)
{
    /// <summary>After attempt number <paramref name="attempt"/> (1-based) of a delivery whose event happened at <paramref name="eventAt"/>.</summary>
    public DeliveryOutcome Decide(WebhookRetryPolicy policy, DeliveryAttemptResult result, int attempt, DateTimeOffset eventAt, DateTimeOffset now)
    {
        if (result.Succeeded)
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.Delivered, null, result.ToString());
        }

        if (result.StatusCode is { } code && IsPermanent(code))
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.DeadLetter, null, $"{result}: not retried (the receiver refused the request)");
        }

        var retryAt = now + Backoff(policy, attempt, result.RetryAfter);
        if (retryAt - eventAt > policy.DeadLetterAfter)
        {
            return new DeliveryOutcome(DeliveryOutcomeKind.DeadLetter, null, $"{result}: still failing after {attempt} attempt(s), deadLetterAfter {policy.DeadLetterAfter} reached");
        }

        return new DeliveryOutcome(DeliveryOutcomeKind.Retry, retryAt, result.ToString());
    }

    /// <summary>The delay before the attempt after attempt number <paramref name="attempt"/>.</summary>
    public TimeSpan Backoff(WebhookRetryPolicy policy, int attempt, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var nominal = Math.Min(policy.MaxBackoff.Ticks, policy.InitialBackoff.Ticks * Math.Pow(2, exponent));
        var jittered = TimeSpan.FromTicks((long)((nominal / 2) + (random() * nominal / 2)));
        return retryAfter is { } wait && wait > jittered ? Min(wait, policy.MaxBackoff) : jittered;
    }

    /// <summary>True for a status that retrying cannot change.</summary>
    public static bool IsPermanent(int statusCode) =>
        statusCode is (>= 300 and < 500) and not 408 and not 429;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
