using ControlPlane.Grains.Webhooks;

namespace ControlPlane.Grains.Persistence;

/// <summary>Grain state with a webhook outbox: the storage adapter tells the outbox when it was persisted, so nothing unwritten is ever sent.</summary>
public interface IHoldsWebhookOutbox
{
    WebhookOutbox Webhooks { get; }
}
