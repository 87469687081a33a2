namespace ControlPlane.Core.Webhooks;

/// <summary>What happens to a delivery after an attempt.</summary>
public enum DeliveryOutcomeKind
{
    /// <summary>The receiver acknowledged it (2xx): it leaves the outbox.</summary>
    Delivered,

    /// <summary>Tried again at <see cref="DeliveryOutcome.RetryAt"/>.</summary>
    Retry,

    /// <summary>Moved to the dead letters: a permanent refusal (4xx other than 408 and 429) or failing past <c>deadLetterAfter</c>.</summary>
    DeadLetter,
}

/// <summary>The decision of <see cref="DeliveryPolicy"/> after one attempt.</summary>
public readonly record struct DeliveryOutcome(DeliveryOutcomeKind Kind, DateTimeOffset? RetryAt, string Reason);
