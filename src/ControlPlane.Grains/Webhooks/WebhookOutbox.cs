using System.Text.Json.Serialization;
using ControlPlane.Core.Webhooks;

namespace ControlPlane.Grains.Webhooks;

/// <summary>The webhook deliveries a grain owes, part of its fenced state: written in the same write as the decision that raised them.</summary>
/// <remarks>
/// Because the outbox is grain state, a grain that reactivates on another silo (after a crash or a
/// move) reads it back and resumes delivering; a deposed duplicate cannot change it (its writes fail
/// the ETag fence). Dead letters are kept here too, the newest <see cref="MaxDeadLetters"/>.
/// </remarks>
public sealed class WebhookOutbox
{
    public const int MaxDeadLetters = 200;

    /// <summary>The sequence of the last delivery added.</summary>
    public long Sequence { get; set; }

    /// <summary>In order: per subscription, only the first is attempted until it is delivered or dead.</summary>
    public List<WebhookDelivery> Pending { get; set; } = [];

    public List<WebhookDelivery> Dead { get; set; } = [];

    /// <summary>Incidents fired and not yet resolved (fail-open, DNS errors), so each fires once and resolves once.</summary>
    public HashSet<string> OpenIncidents { get; set; } = [];

    /// <summary>Deliveries up to this sequence are in the store and may be sent (set by the grain storage after each write).</summary>
    [JsonIgnore]
    public long PersistedSequence { get; private set; } = -1;

    /// <summary>Called after the state holding this outbox was written (or read).</summary>
    public void MarkPersisted() => PersistedSequence = Sequence;
}
