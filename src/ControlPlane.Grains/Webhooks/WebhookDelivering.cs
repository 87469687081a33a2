using ControlPlane.Core.Webhooks;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Webhooks;

/// <summary>What every grain's <see cref="WebhookDispatcher"/> shares on a silo; grains ask it for their dispatcher.</summary>
public sealed class WebhookDelivering(
    WebhookSubscriptions subscriptions,
    WebhookSender sender,
    WebhookBacklog backlog,
    ControlPlaneMetrics metrics,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    internal WebhookSubscriptions Subscriptions { get; } = subscriptions;

    internal WebhookSender Sender { get; } = sender;

    internal WebhookBacklog Backlog { get; } = backlog;

    internal ControlPlaneMetrics Metrics { get; } = metrics;

    internal TimeProvider Time { get; } = time;

    internal ILogger Logger { get; } = logger;

    internal DeliveryPolicy Policy { get; } = new(Random.Shared.NextDouble);

    /// <summary>The dispatcher of one grain's outbox (<paramref name="grainKind"/> and <paramref name="grainKey"/> make its delivery ids).</summary>
    public WebhookDispatcher For(WebhookOutbox outbox, string grainKind, string grainKey) => new(outbox, grainKind, grainKey, this);
}
