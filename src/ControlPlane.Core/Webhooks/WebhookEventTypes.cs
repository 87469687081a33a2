namespace ControlPlane.Core.Webhooks;

/// <summary>Every event type, and how a subscription's filter selects them.</summary>
/// <remarks>
/// A filter entry is an event type (<c>endpoint.down</c>), a family with a wildcard (<c>drain.*</c>) or
/// <c>*</c>; an empty filter selects everything. Resolve events belong to their problem's family, so
/// <c>endpoint.*</c> brings <c>endpoint.up</c> with <c>endpoint.down</c>.
/// </remarks>
public static class WebhookEventTypes
{
    public const string EndpointDown = "endpoint.down";
    public const string EndpointUp = "endpoint.up";
    public const string EndpointDamped = "endpoint.damped";
    public const string EndpointUndamped = "endpoint.undamped";
    public const string QuorumLost = "quorum.lost";
    public const string QuorumRegained = "quorum.regained";
    public const string FailoverApplied = "failover.applied";
    public const string FailOpen = "failopen.started";
    public const string FailOpenEnded = "failopen.ended";
    public const string DnsError = "dns.error";
    public const string DnsRecovered = "dns.recovered";
    public const string DrainStarted = "drain.started";
    public const string Drained = "drain.drained";
    public const string UndrainStarted = "drain.undraining";
    public const string Restored = "drain.restored";
    public const string DrainRefused = "drain.refused";
    public const string DrainForced = "drain.forced";
    public const string MaintenanceStarted = "maintenance.started";
    public const string MaintenanceEnded = "maintenance.ended";
    public const string EvacuationStarted = "evacuation.started";
    public const string Evacuated = "evacuation.evacuated";
    public const string EvacuationRestored = "evacuation.restored";
    public const string Test = "webhook.test";

    /// <summary>Every type, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EndpointDown, EndpointUp, EndpointDamped, EndpointUndamped, QuorumLost, QuorumRegained, FailoverApplied, FailOpen, FailOpenEnded,
        DnsError, DnsRecovered, DrainStarted, Drained, UndrainStarted, Restored, DrainRefused, DrainForced, MaintenanceStarted,
        MaintenanceEnded, EvacuationStarted, Evacuated, EvacuationRestored, Test,
    ];

    /// <summary>True when <paramref name="entry"/> is a valid filter entry: a type, <c>family.*</c> or <c>*</c>.</summary>
    public static bool IsValidFilter(string entry) =>
        entry == "*" || All.Contains(entry) || (entry.EndsWith(".*", StringComparison.Ordinal) && All.Any(t => t.StartsWith(entry[..^1], StringComparison.Ordinal)));

    /// <summary>True when the filter selects <paramref name="type"/> (an empty filter selects all; a test event is always selected).</summary>
    public static bool Matches(IReadOnlyList<string> filter, string type) =>
        filter.Count == 0 || type == Test || filter.Any(f => f == "*" || f == type || (f.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(f[..^1], StringComparison.Ordinal)));
}
