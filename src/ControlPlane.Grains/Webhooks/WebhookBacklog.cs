using System.Collections.Concurrent;
using ControlPlane.Core.Webhooks;
using ControlPlane.Telemetry;

namespace ControlPlane.Grains.Webhooks;

/// <summary>Sums the outboxes of this silo's grains into the pending and oldest-pending gauges, per subscription.</summary>
public sealed class WebhookBacklog(ControlPlaneMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<WebhookDelivery>> _byGrain = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _publish = new();

    /// <summary>A grain's pending deliveries now.</summary>
    public void Update(string grain, IReadOnlyList<WebhookDelivery> pending)
    {
        if (pending.Count == 0)
        {
            _byGrain.TryRemove(grain, out _);
        }
        else
        {
            _byGrain[grain] = pending;
        }

        Publish();
    }

    /// <summary>A grain left this silo: its outbox is counted wherever it activates next.</summary>
    public void Remove(string grain)
    {
        _byGrain.TryRemove(grain, out _);
        Publish();
    }

    private void Publish()
    {
        lock (_publish)
        {
            var now = time.GetUtcNow();
            var all = _byGrain.Values.SelectMany(p => p).GroupBy(d => d.SubscriptionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var subscription in all.Keys)
            {
                _subscriptions.TryAdd(subscription, 0);
            }

            foreach (var subscription in _subscriptions.Keys)
            {
                var pending = all.GetValueOrDefault(subscription);
                metrics.WebhookPending.WithLabels(subscription).Set(pending?.Count ?? 0);
                metrics.WebhookOldestPending.WithLabels(subscription).Set(pending is null ? 0 : Math.Max(0, (now - pending.Min(d => d.CreatedAt)).TotalSeconds));
            }
        }
    }
}
