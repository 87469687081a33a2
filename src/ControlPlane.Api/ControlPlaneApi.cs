using System.Text;
using ControlPlane.Api.Access;
using ControlPlane.Api.Definitions;
using ControlPlane.Api.Drains;
using ControlPlane.Api.Paging;
using ControlPlane.Api.StatusPage;
using ControlPlane.Api.Webhooks;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Grains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Service;
using ControlPlane.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;

namespace ControlPlane.Api;

/// <summary>Maps the HTTP API: <c>/healthz</c>, <c>/api/v1/*</c> and the status page at <c>/</c> (the silo host maps <c>/metrics</c>).</summary>
public static class ControlPlaneApi
{
    private const int RecentLimit = 20;

    public static IEndpointRouteBuilder MapControlPlaneApi(this IEndpointRouteBuilder app)
    {
        // Ready only once the silo is an active member of the cluster and acts on a definition: 503 before.
        app.MapGet("/healthz", (ClusterContext cluster, IClusterMembershipService membership, SiloRegions regions) =>
        {
            var ready = cluster.HasDefinition && membership.CurrentSnapshot.GetSiloStatus(regions.LocalSilo) == SiloStatus.Active;
            return Results.Json(
                new
                {
                    status = ready ? "ok" : "starting",
                    silo = cluster.Silo.Id,
                    region = cluster.Silo.Region,
                    datacenter = cluster.Silo.Datacenter,
                    definitionVersion = cluster.HasDefinition ? cluster.Definition.Version : (long?)null,
                },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithName("Health").AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapGet("/cluster", ClusterMembers.List).WithName("GetCluster");
        api.MapGet("/services", ListServicesAsync).WithName("ListServices");
        api.MapGet("/services/{id}", GetServiceAsync).WithName("GetService");
        api.MapGet("/endpoints/{id}", GetEndpointAsync).WithName("GetEndpoint");
        api.MapGet("/decisions", ListDecisionsAsync).WithName("ListDecisions");
        api.MapGet("/dns-changes", ListDnsChangesAsync).WithName("ListDnsChanges");
        api.MapDrainApi();
        api.MapGet("/definition", GetDefinitionAsync).WithName("GetDefinition");
        api.MapPut("/definition", PutDefinitionAsync).WithName("ApplyDefinition").Accepts<string>("application/yaml", "text/yaml", "text/plain");
        api.MapStatusApi();
        api.MapAccessApi();
        api.MapWebhookApi();
        app.MapStatusPage();
        return app;
    }

    private static async Task<IResult> ListServicesAsync(ClusterContext cluster, IGrainFactory grains)
    {
        if (!cluster.HasDefinition)
        {
            return Results.Ok(Array.Empty<ServiceSummary>());
        }

        var result = new List<ServiceSummary>();
        foreach (var service in cluster.Definition.Cluster.Services)
        {
            var snapshot = await grains.GetGrain<IServiceGrain>(service.Id).GetSnapshotAsync();
            var endpoints = await EndpointSummariesAsync(service, grains);
            result.Add(new ServiceSummary(service.Id, service.Dns.Name, ApiMapping.Lower(service.Policy), snapshot.Published,
                snapshot.Desired?.FailedOpen ?? false, endpoints.Any(e => e.QuorumAlert), endpoints));
        }

        return Results.Ok(result);
    }

    private static async Task<IResult> GetServiceAsync(string id, ClusterContext cluster, IGrainFactory grains, IControlPlaneStore store, CancellationToken cancellationToken)
    {
        if (!cluster.HasDefinition || cluster.Definition.Cluster.FindService(id) is not { } service)
        {
            return NotFound("service", id);
        }

        var snapshot = await grains.GetGrain<IServiceGrain>(id).GetSnapshotAsync();
        var changes = await store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: id, Limit: RecentLimit), cancellationToken);
        return Results.Ok(new ServiceDetail(id, service.Dns.Name, service.Dns.ProviderId, ApiMapping.Lower(service.Policy), service.Dns.Ttl,
            snapshot.Desired, snapshot.Published, snapshot.Pending, snapshot.LastError, await EndpointSummariesAsync(service, grains), changes, snapshot.Silo));
    }

    private static async Task<IResult> GetEndpointAsync(string id, ClusterContext cluster, IGrainFactory grains, IControlPlaneStore store, CancellationToken cancellationToken)
    {
        if (!cluster.HasDefinition || cluster.Definition.Cluster.FindEndpoint(id) is not { } found)
        {
            return NotFound("endpoint", id);
        }

        var (service, endpoint) = found;
        var snapshot = await grains.GetGrain<IEndpointGrain>(id).GetSnapshotAsync();
        var stored = (await store.Observations.GetLatestAsync(id, cancellationToken)).ToDictionary(o => o.Region);
        var regions = snapshot.Quorum?.Regions.Select(r => ApiMapping.ToView(r, stored.GetValueOrDefault(r.Region))).ToList() ?? [];
        var decisions = await store.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: id, Limit: RecentLimit), cancellationToken);
        var check = cluster.Definition.Cluster.CheckFor(service, endpoint);
        return Results.Ok(new EndpointDetail(id, service.Id, endpoint.Address.ToString(), check.PortFor(endpoint), endpoint.Datacenter,
            ApiMapping.Lower(snapshot.Health), snapshot.HealthSince, snapshot.QuorumAlert, snapshot.Damped, snapshot.Drain is { Finished: false } d ? d : null,
            snapshot.Quorum?.Rule, snapshot.Quorum?.Required, regions, decisions, snapshot.Silo, snapshot.Mute is not null));
    }

    private static async Task<IResult> ListDecisionsAsync(HttpRequest request, IControlPlaneStore store, CancellationToken cancellationToken)
    {
        if (!TryAuditQuery(request, out var query, out var problem))
        {
            return problem;
        }

        return Results.Ok(await store.Audit.QueryDecisionsAsync(query, cancellationToken));
    }

    private static async Task<IResult> ListDnsChangesAsync(HttpRequest request, IControlPlaneStore store, CancellationToken cancellationToken)
    {
        if (!TryAuditQuery(request, out var query, out var problem))
        {
            return problem;
        }

        return Results.Ok(await store.Audit.QueryDnsChangesAsync(query, cancellationToken));
    }

    private static async Task<IResult> GetDefinitionAsync(IControlPlaneStore store, CancellationToken cancellationToken)
    {
        var latest = await store.Definitions.GetLatestAsync(cancellationToken);
        return latest is null
            ? Results.NotFound(new ApiError("no cluster definition has been applied yet", []))
            : Results.Ok(new DefinitionView(latest.Version, latest.ContentHash, latest.AppliedAt, latest.AppliedBy, latest.Yaml));
    }

    private static async Task<IResult> PutDefinitionAsync(HttpRequest request, DefinitionApplier applier, DefinitionWatcher watcher, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var yaml = await reader.ReadToEndAsync(cancellationToken);
        var appliedBy = request.Headers["X-Applied-By"].FirstOrDefault() ?? "api";
        var (stored, errors) = await applier.ApplyAsync(yaml, "request body", appliedBy, cancellationToken);
        if (stored is null)
        {
            return Results.BadRequest(new ApiError("invalid cluster definition", errors.Select(e => e.ToString()).ToList()));
        }

        await watcher.RefreshAsync(cancellationToken);
        return Results.Ok(new DefinitionView(stored.Version, stored.ContentHash, stored.AppliedAt, stored.AppliedBy, stored.Yaml));
    }

    private static async Task<List<EndpointSummary>> EndpointSummariesAsync(ServiceDefinition service, IGrainFactory grains)
    {
        var result = new List<EndpointSummary>();
        foreach (var endpoint in service.Endpoints)
        {
            var snapshot = await grains.GetGrain<IEndpointGrain>(endpoint.Id).GetSnapshotAsync();
            result.Add(new EndpointSummary(endpoint.Id, endpoint.Address.ToString(), endpoint.Datacenter, endpoint.Priority, endpoint.Weight,
                ApiMapping.Lower(snapshot.Health), snapshot.Drained, snapshot.QuorumAlert));
        }

        return result;
    }

    private static bool TryAuditQuery(HttpRequest request, out AuditQuery query, out IResult problem)
    {
        // Every parameter is checked (an unknown one too); dns-changes ignores endpoint.
        var q = new QueryParameters(request, "service", "endpoint", "from", "to", "limit");
        var from = q.Time("from");
        var to = q.Time("to");
        var limit = q.Limit(fallback: 100, max: 10_000);
        query = new AuditQuery(q.Text("service"), q.Text("endpoint"), from, to, limit);
        problem = q.Problem();
        return q.IsValid;
    }

    private static IResult NotFound(string what, string id) => Results.NotFound(new ApiError($"no {what} '{id}' in the current cluster definition", []));
}
