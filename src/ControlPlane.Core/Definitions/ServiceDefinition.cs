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
}

/// <summary>The record a service publishes: which provider, which name, which TTL.</summary>
/// <param name="ProviderId">A provider from the cluster's <c>dns.providers</c>.</param>
/// <param name="Name">Fully qualified record name, with the trailing dot.</param>
/// <param name="Ttl">Record TTL in seconds. Default 30.</param>
public sealed record ServiceDnsDefinition(string ProviderId, string Name, int Ttl = 30);
