namespace ControlPlane.Core.Webhooks;

/// <summary>One event on its way to one subscription, as kept in the outbox of the grain that raised it.</summary>
/// <param name="Id">Also the idempotency key: <c>{grain kind}.{grain key}.{sequence}</c>, the same on every attempt and after a replay.</param>
/// <param name="Sequence">Order within the grain's outbox.</param>
/// <param name="CreatedAt">When it was put in the outbox (reset by a replay); <c>deadLetterAfter</c> counts from here.</param>
/// <param name="LastResult">The last attempt's outcome (<c>HTTP 503</c>, <c>connection refused</c>).</param>
/// <param name="DeadAt">Set when it was moved to the dead letters.</param>
public sealed record WebhookDelivery(
    string Id,
    long Sequence,
    string SubscriptionId,
    WebhookEvent Event,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt = null,
    string? LastResult = null,
    DateTimeOffset? DeadAt = null,
    string? DeadReason = null)
{
    /// <summary><c>pending</c> or <c>dead</c>.</summary>
    public string State => DeadAt is null ? "pending" : "dead";
}
