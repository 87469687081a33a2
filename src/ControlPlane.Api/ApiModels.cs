using ControlPlane.Core.Drains;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Core.Quorum;
using ControlPlane.Grains.Endpoint;

namespace ControlPlane.Api;

/// <summary>A service in the list view.</summary>
public sealed record ServiceSummary(string Id, string DnsName, string Policy, IReadOnlyList<string> Published, bool FailedOpen, bool QuorumAlert, IReadOnlyList<EndpointSummary> Endpoints);

/// <summary>An endpoint in list views.</summary>
public sealed record EndpointSummary(string Id, string Address, string Datacenter, int Priority, int Weight, string Health, bool Drained, bool QuorumAlert);

/// <summary>One service with its desired and published record set and recent DNS changes.</summary>
public sealed record ServiceDetail(
    string Id,
    string DnsName,
    string Provider,
    string Policy,
    int Ttl,
    DesiredRecordSet? Desired,
    IReadOnlyList<string> Published,
    DnsChange? PendingChange,
    string? LastError,
    IReadOnlyList<EndpointSummary> Endpoints,
    IReadOnlyList<DnsChange> RecentDnsChanges,
    string Silo);

/// <summary>One endpoint: its health, each region's verdict and last observation, and recent decisions.</summary>
public sealed record EndpointDetail(
    string Id,
    string ServiceId,
    string Address,
    int Port,
    string Datacenter,
    string Health,
    DateTimeOffset? HealthSince,
    bool QuorumAlert,
    bool Damped,
    DrainRecord? Drain,
    string? QuorumRule,
    int? QuorumRequired,
    IReadOnlyList<RegionView> Regions,
    IReadOnlyList<Decision> RecentDecisions,
    string Silo,
    bool Muted = false);

/// <summary>What one region sees of an endpoint.</summary>
public sealed record RegionView(string Region, string Status, string Verdict, DateTimeOffset? ReportedAt, int ConsecutiveSuccesses, int ConsecutiveFailures, Observation? LastObservation);

/// <summary>An error response naming each bad field.</summary>
public sealed record ApiError(string Error, IReadOnlyList<string> Details)
{
    /// <summary>The one field (query parameter, body field or header) at fault, when there is one.</summary>
    public string? Field { get; init; }
}

/// <summary>The stored cluster definition.</summary>
public sealed record DefinitionView(long Version, string ContentHash, DateTimeOffset AppliedAt, string AppliedBy, string Yaml);

internal static class ApiMapping
{
    public static RegionView ToView(RegionVerdictEvidence r, Observation? stored) =>
        new(r.Region, Lower(r.Status), Lower(r.Verdict), r.ReportedAt, r.ConsecutiveSuccesses, r.ConsecutiveFailures, r.LastObservation ?? stored);

    public static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
