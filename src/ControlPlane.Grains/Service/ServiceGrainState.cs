using System.Text.Json.Serialization;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Webhooks;

namespace ControlPlane.Grains.Service;

/// <summary>Persisted on activation (epoch), before (intent) and after each DNS change, and when endpoint statuses change.</summary>
public sealed class ServiceGrainState : IRecordsAudit, IHoldsWebhookOutbox
{
    /// <summary>Bumped by every activation's first write, which fences out any older activation still running.</summary>
    public long Epoch { get; set; }

    public Dictionary<string, EndpointStatus> Endpoints { get; set; } = [];

    /// <summary>Addresses the provider last accepted for this service, sorted.</summary>
    public List<string> Published { get; set; } = [];

    /// <summary>When <see cref="Published"/> was applied (Route 53: seen INSYNC); null before the first change.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>False when the provider accepted <see cref="Published"/> but did not confirm it live (a Route 53 INSYNC wait that timed out).</summary>
    public bool PublishedConfirmed { get; set; } = true;

    public long ChangeSequence { get; set; }

    /// <summary>A change written as intent but not yet confirmed applied; applied again after a restart or move.</summary>
    public DnsChange? Pending { get; set; }

    /// <summary>What a dry run would have published by now (the provider still holds <see cref="Published"/>).</summary>
    public List<string>? DryRunPublished { get; set; }

    /// <summary>When recent changes were applied, for the per-window change limit.</summary>
    public List<DateTimeOffset> RecentChanges { get; set; } = [];

    /// <summary>Webhook deliveries of this service's events (failovers, fail-open, DNS errors), written with the change that raised them.</summary>
    public WebhookOutbox Webhooks { get; set; } = new();

    [JsonIgnore]
    public AuditRecords Audit { get; } = new();
}
