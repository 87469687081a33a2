using ControlPlane.Core.Webhooks;
using Orleans.Concurrency;

namespace ControlPlane.Grains.Webhooks;

/// <summary>A grain with a webhook outbox (endpoint and service grains): its deliveries for the API, and replay of a dead letter.</summary>
[Alias("controlplane.webhook-outbox")]
public interface IWebhookOutboxGrain : IGrainWithStringKey
{
    /// <summary>Pending then dead deliveries, oldest first.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<WebhookDelivery>> GetWebhookDeliveriesAsync();

    /// <summary>Moves a dead delivery back to pending (written before it returns); false if this grain has no such dead letter.</summary>
    Task<bool> ReplayWebhookAsync(string deliveryId);
}
