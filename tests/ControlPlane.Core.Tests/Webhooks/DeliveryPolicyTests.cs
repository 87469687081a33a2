using ControlPlane.Core.Webhooks;
using Xunit;

namespace ControlPlane.Core.Tests.Webhooks;

public sealed class DeliveryPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetryPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));

    [Fact]
    public void A_2xx_is_delivered()
    {
        var outcome = new DeliveryPolicy(() => 0.5).Decide(Policy, DeliveryAttemptResult.Status(204), 1, T0, T0);
        Assert.Equal(DeliveryOutcomeKind.Delivered, outcome.Kind);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(301)]
    public void A_4xx_other_than_408_and_429_goes_to_the_dead_letters_at_once(int status)
    {
        var outcome = new DeliveryPolicy(() => 0.5).Decide(Policy, DeliveryAttemptResult.Status(status), 1, T0, T0);
        Assert.Equal(DeliveryOutcomeKind.DeadLetter, outcome.Kind);
        Assert.Contains($"HTTP {status}", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void Timeouts_throttling_and_5xx_are_retried(int status)
    {
        var outcome = new DeliveryPolicy(() => 0.5).Decide(Policy, DeliveryAttemptResult.Status(status), 1, T0, T0);
        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
    }

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_maximum_with_jitter_between_half_and_all_of_it()
    {
        var low = new DeliveryPolicy(() => 0.0);
        var high = new DeliveryPolicy(() => 0.999999);
        Assert.Equal(TimeSpan.FromMilliseconds(500), low.Backoff(Policy, 1));
        Assert.Equal(TimeSpan.FromSeconds(4), low.Backoff(Policy, 4));
        Assert.InRange(high.Backoff(Policy, 4), TimeSpan.FromSeconds(7.99), TimeSpan.FromSeconds(8));
        Assert.Equal(TimeSpan.FromSeconds(30), low.Backoff(Policy, 20));
        Assert.InRange(high.Backoff(Policy, 200), TimeSpan.FromSeconds(59.9), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Jitter_spreads_retries_of_the_same_attempt()
    {
        var random = new Random(7);
        var policy = new DeliveryPolicy(random.NextDouble);
        var delays = Enumerable.Range(0, 50).Select(_ => policy.Backoff(Policy, 3)).Distinct().Count();
        Assert.True(delays > 40, $"only {delays} distinct delays out of 50");
    }

    [Fact]
    public void A_longer_retry_after_is_honoured()
    {
        var outcome = new DeliveryPolicy(() => 0.0).Decide(Policy, DeliveryAttemptResult.Status(429, TimeSpan.FromSeconds(20)), 1, T0, T0);
        Assert.Equal(T0 + TimeSpan.FromSeconds(20), outcome.RetryAt);
    }

    [Fact]
    public void A_delivery_failing_past_dead_letter_after_is_dead_lettered()
    {
        var policy = new DeliveryPolicy(() => 0.5);
        Assert.Equal(DeliveryOutcomeKind.Retry, policy.Decide(Policy, DeliveryAttemptResult.Failed("connection failed"), 5, T0, T0 + TimeSpan.FromMinutes(9)).Kind);
        var late = policy.Decide(Policy, DeliveryAttemptResult.Failed("connection failed"), 30, T0, T0 + TimeSpan.FromMinutes(10));
        Assert.Equal(DeliveryOutcomeKind.DeadLetter, late.Kind);
        Assert.Contains("deadLetterAfter", late.Reason, StringComparison.Ordinal);
    }
}
