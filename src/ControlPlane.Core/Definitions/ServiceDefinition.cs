using ControlPlane.Core.Model;

namespace ControlPlane.Core.Definitions;

/// <summary>A named thing with one DNS record and several endpoints.</summary>
public sealed record ServiceDefinition
{
    public required string Id { get; init; }
    public required ServiceDnsDefinition Dns { get; init; }
    public required RoutingPolicy Policy { get; init; }
    public required string CheckId { get; init; }
    public required HealthPolicy Health { get; init; }
    public required IReadOnlyList<EndpointDefinition> Endpoints { get; init; }

    /// <summary>At most this many endpoints down, draining or drained at once (<c>maxUnavailable</c>). Default none.</summary>
    public Drains.DisruptionBudget? MaxUnavailable { get; init; }
}

/// <summary>The record a service publishes (provider, name, TTL) and the safety rules for changing it.</summary>
/// <param name="ProviderId">A provider from the cluster's <c>dns.providers</c>.</param>
/// <param name="Name">Fully qualified record name, with the trailing dot.</param>
/// <param name="Ttl">Record TTL in seconds. Default 30.</param>
public sealed record ServiceDnsDefinition(string ProviderId, string Name, int Ttl = 30)
{
    /// <summary>How often the provider's actual records are read and drift repaired. Default 30 s.</summary>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Record the changes that would be made, change nothing. Default false.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Never shrink the published set below this many endpoints (fail open aside): a change that
    /// would is held and reported. Default none.
    /// </summary>
    public int? MinHealthy { get; init; }

    /// <summary>At most this many changes per <see cref="ChangeWindow"/>; later ones wait. Default none.</summary>
    public int? MaxChanges { get; init; }

    /// <summary>The window <see cref="MaxChanges"/> counts in. Default 5 minutes.</summary>
    public TimeSpan ChangeWindow { get; init; } = TimeSpan.FromMinutes(5);
}
