using System.Globalization;
using ControlPlane.Core.Webhooks;
using ControlPlane.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ControlPlane.Grains.Webhooks;

/// <summary>Delivers one grain's <see cref="WebhookOutbox"/>: in order per subscription, at least once, with backoff, dead letters and replay.</summary>
/// <remarks>
/// <para>The grain adds events (<see cref="Enqueue"/>) before the write that records their decision,
/// so both are stored by one fenced write. A timer of the grain (<see cref="Start"/>) then, every
/// <see cref="Tick"/>, takes in the attempts that finished and starts the next ones. Per
/// subscription only the oldest pending delivery is attempted, and only once it is stored
/// (<see cref="WebhookOutbox.PersistedSequence"/>); the next one waits until it is acknowledged or
/// dead, so a receiver sees an endpoint's events in the order they happened. A delivery leaves the
/// outbox only in a state write after the receiver's 2xx: a crash before that write means it is sent
/// again by the next activation, with the same <c>Idempotency-Key</c> (at least once).</para>
/// <para>HTTP attempts run off the grain's turn, so a slow receiver never delays a decision; the
/// timer collects their results in a later turn.</para>
/// </remarks>
public sealed partial class WebhookDispatcher
{
    /// <summary>How often the grain's timer looks at the outbox while it holds deliveries.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, (WebhookDelivery Delivery, Task<DeliveryAttemptResult> Attempt)> _inFlight = new(StringComparer.Ordinal);
    private readonly WebhookOutbox _outbox;
    private readonly string _grainKind;
    private readonly string _grainKey;
    private readonly WebhookDelivering _services;
    private readonly CancellationTokenSource _stopping = new();

    internal WebhookDispatcher(WebhookOutbox outbox, string grainKind, string grainKey, WebhookDelivering services)
    {
        _outbox = outbox;
        _grainKind = grainKind;
        _grainKey = grainKey;
        _services = services;
    }

    private string Grain => $"{_grainKind}/{_grainKey}";

    /// <summary>True when an incident (<see cref="WebhookEvent.Incident"/>) has fired and not resolved.</summary>
    public bool IsOpen(string incident) => _outbox.OpenIncidents.Contains(incident);

    /// <summary>Adds a delivery of each event for every subscription that wants it; the caller's next state write stores them.</summary>
    public void Enqueue(IEnumerable<WebhookEvent> events)
    {
        var now = _services.Time.GetUtcNow();
        foreach (var e in events)
        {
            if (e.Status == WebhookEventStatus.Firing)
            {
                _outbox.OpenIncidents.Add(e.Incident);
            }
            else if (e.Status == WebhookEventStatus.Resolved)
            {
                _outbox.OpenIncidents.Remove(e.Incident);
            }

            foreach (var subscription in _services.Subscriptions.All.Where(s => s.Wants(e.Type)))
            {
                var sequence = ++_outbox.Sequence;
                _outbox.Pending.Add(new WebhookDelivery(DeliveryId(sequence), sequence, subscription.Id, e, now, 0, now));
            }
        }
    }

    /// <summary>Starts the grain timer that delivers; <paramref name="persist"/> writes the grain's state (fenced).</summary>
    public void Start(IGrainBase grain, Func<Task> persist)
    {
        grain.RegisterGrainTimer(async _ =>
        {
            if (Collect())
            {
                try
                {
                    await persist();
                }
                catch (InconsistentStateException)
                {
                    _stopping.Cancel(); // deposed: the newer activation delivers
                    throw;
                }
            }

            StartDue();
        }, new GrainTimerCreationOptions(Tick, Tick));
    }

    /// <summary>Stops attempts in flight (their results are dropped: the next activation sends again).</summary>
    public void Stop()
    {
        _stopping.Cancel();
        _services.Backlog.Remove(Grain);
    }

    /// <summary>The outbox's deliveries, pending then dead, oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries() => [.. _outbox.Pending, .. _outbox.Dead];

    /// <summary>Moves a dead delivery back to pending, at the end of its subscription's queue, with a fresh <c>deadLetterAfter</c>; false if no such dead letter.</summary>
    public bool Replay(string deliveryId)
    {
        var index = _outbox.Dead.FindIndex(d => d.Id == deliveryId);
        if (index < 0)
        {
            return false;
        }

        var now = _services.Time.GetUtcNow();
        var dead = _outbox.Dead[index];
        _outbox.Dead.RemoveAt(index);
        _outbox.Sequence++;
        _outbox.Pending.Add(dead with { Sequence = _outbox.Sequence, CreatedAt = now, Attempts = 0, NextAttemptAt = now, DeadAt = null, DeadReason = null });
        return true;
    }

    /// <summary>Takes in finished attempts; true when the outbox changed and must be written.</summary>
    private bool Collect()
    {
        var changed = false;
        foreach (var (subscriptionId, (delivery, attempt)) in _inFlight.Where(f => f.Value.Attempt.IsCompleted).ToList())
        {
            _inFlight.Remove(subscriptionId);
            var index = _outbox.Pending.FindIndex(d => d.Id == delivery.Id);
            if (index < 0)
            {
                continue;
            }

            var result = attempt.IsCompletedSuccessfully ? attempt.Result : DeliveryAttemptResult.Failed(attempt.Exception?.GetBaseException().GetType().Name ?? "cancelled");
            var subscription = _services.Subscriptions.Find(subscriptionId);
            var now = _services.Time.GetUtcNow();
            var attempts = delivery.Attempts + 1;
            var outcome = _services.Policy.Decide(subscription?.Retry ?? WebhookRetryPolicy.Default, result, attempts, delivery.CreatedAt, now);
            var tried = delivery with { Attempts = attempts, LastAttemptAt = now, LastResult = result.ToString() };
            changed = true;
            switch (outcome.Kind)
            {
                case DeliveryOutcomeKind.Delivered:
                    _outbox.Pending.RemoveAt(index);
                    _services.Metrics.WebhookDeliveries.Inc(subscriptionId, "delivered");
                    _services.Metrics.WebhookDeliverySeconds.WithLabels(subscriptionId).Observe(Math.Max(0, (now - delivery.Event.At).TotalSeconds));
                    LogDelivered(_services.Logger, delivery.Id, delivery.Event.Type, subscriptionId, attempts);
                    break;
                case DeliveryOutcomeKind.Retry:
                    _outbox.Pending[index] = tried with { NextAttemptAt = outcome.RetryAt!.Value };
                    _services.Metrics.WebhookDeliveries.Inc(subscriptionId, "failed");
                    LogRetry(_services.Logger, delivery.Id, subscriptionId, result.ToString(), attempts, (outcome.RetryAt.Value - now).TotalSeconds);
                    break;
                default:
                    _outbox.Pending.RemoveAt(index);
                    Bury(tried, outcome.Reason, now);
                    _services.Metrics.WebhookDeliveries.Inc(subscriptionId, "failed");
                    break;
            }
        }

        return changed;
    }

    /// <summary>Starts an attempt for each subscription whose oldest stored delivery is due and not already in flight.</summary>
    private void StartDue()
    {
        var now = _services.Time.GetUtcNow();
        foreach (var head in _outbox.Pending.GroupBy(d => d.SubscriptionId, StringComparer.Ordinal).Select(g => g.First()).ToList())
        {
            if (_inFlight.ContainsKey(head.SubscriptionId) || head.NextAttemptAt > now || head.Sequence > _outbox.PersistedSequence || _stopping.IsCancellationRequested)
            {
                continue;
            }

            if (_services.Subscriptions.Find(head.SubscriptionId) is not { } subscription)
            {
                continue; // removed, or an API subscription this silo has not seen yet: kept until it comes back or is replayed
            }

            var token = _stopping.Token;
            _inFlight[head.SubscriptionId] = (head, Task.Run(() => _services.Sender.SendAsync(subscription, head, token), token));
        }

        _services.Backlog.Update(Grain, _outbox.Pending.ToList());
    }

    private void Bury(WebhookDelivery delivery, string reason, DateTimeOffset now)
    {
        _outbox.Dead.Add(delivery with { DeadAt = now, DeadReason = reason });
        if (_outbox.Dead.Count > WebhookOutbox.MaxDeadLetters)
        {
            _outbox.Dead.RemoveAt(0);
        }

        _services.Metrics.WebhookDeliveries.Inc(delivery.SubscriptionId, "dead");
        LogDead(_services.Logger, delivery.Id, delivery.Event.Type, delivery.SubscriptionId, reason);
    }

    private string DeliveryId(long sequence) => $"{_grainKind}.{_grainKey}.{sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The grain that holds a delivery, from its id; null when the id is not one of ours.</summary>
    public static (string Kind, string Key)? GrainOf(string deliveryId)
    {
        var first = deliveryId.IndexOf('.', StringComparison.Ordinal);
        var last = deliveryId.LastIndexOf('.');
        return first > 0 && last > first + 1 && long.TryParse(deliveryId[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? (deliveryId[..first], deliveryId[(first + 1)..last])
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {DeliveryId} ({Type}) delivered to {Subscription} after {Attempts} attempt(s)")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string type, string subscription, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {DeliveryId} to {Subscription} failed ({Result}), attempt {Attempts}; retrying in {Seconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, string deliveryId, string subscription, string result, int attempts, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {DeliveryId} ({Type}) to {Subscription} moved to the dead letters: {Reason}")]
    private static partial void LogDead(ILogger logger, string deliveryId, string type, string subscription, string reason);
}
