namespace ControlPlane.Core.Webhooks;

/// <summary>How a subscription's deliveries are retried.</summary>
/// <param name="InitialBackoff">Delay before the second attempt; doubles per attempt. Default 1 s.</param>
/// <param name="MaxBackoff">Longest delay between attempts. Default 5 min.</param>
/// <param name="DeadLetterAfter">A delivery still failing this long after its event is moved to the dead letters. Default 1 h.</param>
/// <param name="Timeout">One attempt's time limit. Default 10 s.</param>
public sealed record WebhookRetryPolicy(TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan DeadLetterAfter, TimeSpan Timeout)
{
    public static WebhookRetryPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromSeconds(10));
}
