using System.Security.Claims;
using System.Text;
using ControlPlane.Api.Access;
using ControlPlane.Core.Drains;
using ControlPlane.Grains;
using ControlPlane.Grains.Drains;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.Drains;

/// <summary>Drains and undrains with waiting, datacenter evacuations and maintenance windows (see docs/drains.md).</summary>
public static class DrainApi
{
    private static readonly string[] DrainWaits = ["drained", "restored"];

    public static IEndpointRouteBuilder MapDrainApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/endpoints/{id}/drain", DrainAsync).WithName("DrainEndpoint");
        api.MapPost("/endpoints/{id}/undrain", UndrainAsync).WithName("UndrainEndpoint");
        api.MapGet("/drains", ListAsync).WithName("ListDrains");
        api.MapGet("/drains/{id}", GetAsync).WithName("GetDrain");
        api.MapEvacuationApi();
        api.MapMaintenanceApi();
        return api;
    }

    private static async Task<IResult> DrainAsync(string id, DrainBody? body, ClaimsPrincipal user, IGrainFactory grains, ClusterContext cluster)
    {
        if (ForceRefused(body?.Force, user) is { } refused)
        {
            return refused;
        }

        if (!cluster.HasDefinition || cluster.Definition.Cluster.FindEndpoint(id) is not { } found)
        {
            return NotFound("endpoint", id);
        }

        var request = new DrainRequest(body?.Reason ?? string.Empty, By(body, user), body?.Force ?? false);
        var admission = await grains.GetGrain<IServiceGrain>(found.Service.Id).RequestDrainAsync(id, request);
        if (admission.Drain is not { } drain)
        {
            return Results.Json(new { error = $"draining {id} would exceed the disruption budget of service {found.Service.Id}", reason = admission.Refused, budget = admission.Budget },
                statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Json(DrainView.Of(drain), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> UndrainAsync(string id, DrainBody? body, ClaimsPrincipal user, IGrainFactory grains, ClusterContext cluster)
    {
        if (!cluster.HasDefinition || cluster.Definition.Cluster.FindEndpoint(id) is null)
        {
            return NotFound("endpoint", id);
        }

        var drain = await grains.GetGrain<IEndpointGrain>(id).UndrainAsync(By(body, user), DrainOrigins.Api);
        return drain is null
            ? Results.Json(new { error = $"endpoint {id} is not drained" }, statusCode: StatusCodes.Status409Conflict)
            : Results.Json(DrainView.Of(drain), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IGrainFactory grains, ClusterContext cluster, CancellationToken cancellationToken)
    {
        var (poll, errors) = LongPoll.Parse(request.Query, DrainWaits);
        if (errors.Count > 0)
        {
            return Results.BadRequest(new ApiError("invalid query", errors));
        }

        var separator = id.LastIndexOf(':');
        var endpointId = separator > 0 ? id[..separator] : id;
        if (!cluster.HasDefinition || cluster.Definition.Cluster.FindEndpoint(endpointId) is null)
        {
            return NotFound("drain", id);
        }

        var grain = grains.GetGrain<IEndpointGrain>(endpointId);
        var drain = await poll.RunAsync(async () => (await grain.GetSnapshotAsync()).Drain, d => d?.Id != id || Reached(d, poll.Wait), cancellationToken);
        return drain?.Id == id ? Results.Ok(DrainView.Of(drain)) : NotFound("drain", id);
    }

    /// <summary>Whether a drain reached the awaited state, or went past it where it can no longer get there.</summary>
    internal static bool Reached(DrainRecord drain, string? wait) => wait switch
    {
        "drained" => drain.State != DrainState.Draining,
        "restored" => drain.Finished,
        _ => true,
    };

    /// <summary>Unfinished drains first, then the most recent; <c>limit</c> (1-1000, default 100) and an opaque <c>cursor</c>.</summary>
    private static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains, ClusterContext cluster)
    {
        var errors = new List<string>();
        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 1000))
        {
            errors.Add($"limit: '{limitText}' must be a whole number from 1 to 1000");
        }

        var offset = 0;
        if (request.Query["cursor"].FirstOrDefault() is { } cursor && !TryDecodeCursor(cursor, out offset))
        {
            errors.Add($"cursor: '{cursor}' is not a cursor this API returned");
        }

        if (errors.Count > 0)
        {
            return Results.BadRequest(new ApiError("invalid query", errors));
        }

        var endpoints = cluster.HasDefinition ? cluster.Definition.Cluster.Services.SelectMany(s => s.Endpoints).Select(e => e.Id).ToList() : [];
        var snapshots = await Task.WhenAll(endpoints.Select(e => grains.GetGrain<IEndpointGrain>(e).GetSnapshotAsync()));
        var drains = snapshots.Select(s => s.Drain).OfType<DrainRecord>()
            .OrderBy(d => d.Finished).ThenByDescending(d => d.StartedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var page = drains.Skip(offset).Take(limit).Select(DrainView.Of).ToList();
        var next = offset + page.Count < drains.Count ? EncodeCursor(offset + page.Count) : null;
        return Results.Ok(new { drains = page, nextCursor = next });
    }

    /// <summary>Who asked: the API key's name, and the actor the body names (a person or job behind a shared key), if any.</summary>
    internal static string By(DrainBody? body, ClaimsPrincipal user) => By(body?.Actor, user);

    internal static string By(string? actor, ClaimsPrincipal user)
    {
        var key = ApiCaller.From(user)?.Name ?? "api";
        return string.IsNullOrWhiteSpace(actor) || actor == key ? key : $"{key} ({actor})";
    }

    /// <summary>Overriding a disruption budget is an admin's call: 403 for anyone else who asks for it.</summary>
    internal static IResult? ForceRefused(bool? force, ClaimsPrincipal user) =>
        force == true && ApiCaller.From(user) is not { Role: ApiRole.Admin }
            ? Results.Json(new ApiError("force overrides the disruption budget and needs the admin role", []) { Field = "force" }, statusCode: StatusCodes.Status403Forbidden)
            : null;

    internal static IResult NotFound(string what, string id) => Results.NotFound(new ApiError($"no {what} '{id}' in the current cluster definition", []));

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}"));

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
