using System.Text.Json.Serialization;
using ControlPlane.Core.Decisions;
using ControlPlane.Core.Drains;
using ControlPlane.Core.Quorum;
using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Webhooks;

namespace ControlPlane.Grains.Endpoint;

/// <summary>Persisted on activation (epoch), on each decision and drain, and when a region's verdict changes.</summary>
public sealed class EndpointGrainState : IRecordsAudit, IHoldsWebhookOutbox
{
    /// <summary>Bumped by every activation's first write, which fences out any older activation still running.</summary>
    public long Epoch { get; set; }

    public EndpointDecisionState Decision { get; set; } = EndpointDecisionState.Initial;

    /// <summary>Each region's last report, as of the last persisted change.</summary>
    public Dictionary<string, RegionReport> Reports { get; set; } = [];

    /// <summary>The current or last drain (kept after it finished, for the API and to wait on).</summary>
    public DrainRecord? Drain { get; set; }

    /// <summary>Drains started so far; the next drain's id ends with this + 1.</summary>
    public long DrainSequence { get; set; }

    /// <summary>The <c>mute</c> maintenance window covering the endpoint, if any.</summary>
    public MuteInfo? Mute { get; set; }

    /// <summary>Webhook deliveries of this endpoint's events, written with the decisions that raised them.</summary>
    public WebhookOutbox Webhooks { get; set; } = new();

    [JsonIgnore]
    public AuditRecords Audit { get; } = new();
}
