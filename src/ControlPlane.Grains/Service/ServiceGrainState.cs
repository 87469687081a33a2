using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;

namespace ControlPlane.Grains.Service;

/// <summary>Persisted before (intent) and after each DNS change, and when endpoint statuses change.</summary>
public sealed class ServiceGrainState
{
    public Dictionary<string, EndpointStatus> Endpoints { get; set; } = [];

    /// <summary>Addresses the provider last accepted for this service, sorted.</summary>
    public List<string> Published { get; set; } = [];

    public long ChangeSequence { get; set; }

    /// <summary>A change committed as intent but not yet confirmed applied; re-applied after a restart or takeover.</summary>
    public DnsChange? Pending { get; set; }

    /// <summary>What a dry run would have published by now (the provider still holds <see cref="Published"/>).</summary>
    public List<string>? DryRunPublished { get; set; }

    /// <summary>When recent changes were applied, for the per-window change limit.</summary>
    public List<DateTimeOffset> RecentChanges { get; set; } = [];
}
