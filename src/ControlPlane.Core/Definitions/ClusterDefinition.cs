namespace ControlPlane.Core.Definitions;

/// <summary>
/// The whole cluster as configured: regions that probe, datacenters, checks, DNS providers and
/// services, webhooks. Versioned in the store so every silo acts on the same one.
/// </summary>
public sealed record ClusterDefinition
{
    public required IReadOnlyList<RegionDefinition> Regions { get; init; }
    public required IReadOnlyList<DatacenterDefinition> Datacenters { get; init; }
    public required IReadOnlyList<CheckDefinition> Checks { get; init; }
    public required IReadOnlyList<DnsProviderDefinition> DnsProviders { get; init; }
    public required IReadOnlyList<ServiceDefinition> Services { get; init; }

    /// <summary>Webhook subscriptions of the definition (the API adds its own beside them).</summary>
    public IReadOnlyList<Webhooks.WebhookSubscription> Webhooks { get; init; } = [];

    public IEnumerable<EndpointDefinition> AllEndpoints => Services.SelectMany(s => s.Endpoints);

    public ServiceDefinition? FindService(string id) => Services.FirstOrDefault(s => s.Id == id);

    public CheckDefinition? FindCheck(string id) => Checks.FirstOrDefault(c => c.Id == id);

    public DnsProviderDefinition? FindDnsProvider(string id) => DnsProviders.FirstOrDefault(p => p.Id == id);

    /// <summary>The service that owns an endpoint, and the endpoint itself.</summary>
    /// <remarks>
    /// Every probe and endpoint grain asks this on every check; a scan over all endpoints made the
    /// cost of a check grow with the size of the definition, so the first call builds an index of
    /// this instance (kept beside it, not in it, so <c>with</c> copies and equality are unaffected).
    /// </remarks>
    public (ServiceDefinition Service, EndpointDefinition Endpoint)? FindEndpoint(string endpointId)
    {
        var index = EndpointIndexes.GetValue(this, static d => d.BuildEndpointIndex());
        return index.TryGetValue(endpointId, out var found) ? found : null;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClusterDefinition, Dictionary<string, (ServiceDefinition, EndpointDefinition)>> EndpointIndexes = new();

    private Dictionary<string, (ServiceDefinition, EndpointDefinition)> BuildEndpointIndex()
    {
        var index = new Dictionary<string, (ServiceDefinition, EndpointDefinition)>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            foreach (var endpoint in service.Endpoints)
            {
                index.TryAdd(endpoint.Id, (service, endpoint)); // the first wins, as the scan did
            }
        }

        return index;
    }

    /// <summary>The check that probes an endpoint: its own override, else its service's.</summary>
    public CheckDefinition CheckFor(ServiceDefinition service, EndpointDefinition endpoint) =>
        FindCheck(endpoint.CheckId ?? service.CheckId)
        ?? throw new InvalidOperationException($"check '{endpoint.CheckId ?? service.CheckId}' is not defined");
}
