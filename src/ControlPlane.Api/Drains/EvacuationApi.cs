using System.Security.Claims;
using ControlPlane.Grains;
using ControlPlane.Grains.Datacenter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.Drains;

/// <summary><c>/api/v1/datacenters/{id}</c>: a datacenter's endpoint counts and evacuation, evacuate and restore.</summary>
internal static class EvacuationApi
{
    private static readonly string[] Waits = ["evacuated", "restored"];

    public static IEndpointRouteBuilder MapEvacuationApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/datacenters/{id}", GetAsync).WithName("GetDatacenter");
        api.MapPost("/datacenters/{id}/evacuate", EvacuateAsync).WithName("EvacuateDatacenter");
        api.MapPost("/datacenters/{id}/restore", RestoreAsync).WithName("RestoreDatacenter");
        return api;
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IGrainFactory grains, ClusterContext cluster, CancellationToken cancellationToken)
    {
        var (poll, errors) = LongPoll.Parse(request.Query, Waits);
        if (errors.Count > 0)
        {
            return Results.BadRequest(new ApiError("invalid query", errors));
        }

        if (!Known(cluster, id))
        {
            return DrainApi.NotFound("datacenter", id);
        }

        var grain = grains.GetGrain<IDatacenterGrain>(id);
        var snapshot = await poll.RunAsync(grain.GetSnapshotAsync, s => Reached(s.Evacuation, poll.Wait), cancellationToken);
        return Results.Ok(snapshot);
    }

    private static async Task<IResult> EvacuateAsync(string id, DrainBody? body, ClaimsPrincipal user, IGrainFactory grains, ClusterContext cluster)
    {
        if (DrainApi.ForceRefused(body?.Force, user) is { } refused)
        {
            return refused;
        }

        if (!Known(cluster, id))
        {
            return DrainApi.NotFound("datacenter", id);
        }

        var evacuation = await grains.GetGrain<IDatacenterGrain>(id).EvacuateAsync(body?.Reason ?? string.Empty, DrainApi.By(body, user), body?.Force ?? false);
        return Results.Json(evacuation, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> RestoreAsync(string id, DrainBody? body, ClaimsPrincipal user, IGrainFactory grains, ClusterContext cluster)
    {
        if (!Known(cluster, id))
        {
            return DrainApi.NotFound("datacenter", id);
        }

        var evacuation = await grains.GetGrain<IDatacenterGrain>(id).RestoreAsync(DrainApi.By(body, user));
        return evacuation is null
            ? Results.Json(new { error = $"datacenter {id} is not evacuated" }, statusCode: StatusCodes.Status409Conflict)
            : Results.Json(evacuation, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool Reached(Evacuation? evacuation, string? wait) => wait switch
    {
        "evacuated" => evacuation is null || evacuation.State != EvacuationState.Evacuating,
        "restored" => evacuation is null || evacuation.State == EvacuationState.Restored,
        _ => true,
    };

    private static bool Known(ClusterContext cluster, string id) => cluster.HasDefinition && cluster.Definition.Cluster.Datacenters.Any(d => d.Id == id);
}
