using System.Globalization;
using System.Security.Claims;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Maintenance;
using ControlPlane.Grains;
using ControlPlane.Grains.Maintenance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.Drains;

/// <summary><c>/api/v1/maintenance</c>: schedule, list, read and cancel maintenance windows.</summary>
internal static class MaintenanceApi
{
    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/maintenance", ScheduleAsync).WithName("ScheduleMaintenance");
        api.MapGet("/maintenance", ListAsync).WithName("ListMaintenance");
        api.MapGet("/maintenance/{id}", GetAsync).WithName("GetMaintenance");
        api.MapDelete("/maintenance/{id}", CancelAsync).WithName("CancelMaintenance");
        return api;
    }

    private static async Task<IResult> ScheduleAsync(MaintenanceBody? body, ClaimsPrincipal user, IGrainFactory grains, ClusterContext cluster, TimeProvider time)
    {
        if (DrainApi.ForceRefused(body?.Force, user) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var (window, errors) = Validate(body, cluster.HasDefinition ? cluster.Definition.Cluster : null, now);
        if (window is null)
        {
            return Results.BadRequest(new ApiError("invalid maintenance window", errors));
        }

        var scheduled = await grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).ScheduleAsync(window with { CreatedBy = DrainApi.By(body!.Actor, user) });
        return Results.Json(scheduled, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).ListAsync());

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        (await grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).ListAsync()).FirstOrDefault(w => w.Id == id) is { } window
            ? Results.Ok(window)
            : Results.NotFound(new ApiError($"no maintenance window '{id}'", []));

    private static async Task<IResult> CancelAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IMaintenanceGrain>(IMaintenanceGrain.Key).CancelAsync(id) is { } window
            ? Results.Ok(window)
            : Results.NotFound(new ApiError($"no maintenance window '{id}'", []));

    /// <summary>The window the body asks for, or every problem with it, each naming its field.</summary>
    internal static (MaintenanceWindow? Window, List<string> Errors) Validate(MaintenanceBody? body, ClusterDefinition? definition, DateTimeOffset now)
    {
        var errors = new List<string>();
        if (body is null)
        {
            return (null, ["body: a JSON object with target, start, end and mode is required"]);
        }

        var targets = new (MaintenanceTargetKind Kind, string? Id)[]
            { (MaintenanceTargetKind.Endpoint, body.Target?.Endpoint), (MaintenanceTargetKind.Service, body.Target?.Service), (MaintenanceTargetKind.Datacenter, body.Target?.Datacenter) }
            .Where(t => t.Id is not null).ToList();
        if (targets.Count != 1)
        {
            errors.Add("target: exactly one of endpoint, service or datacenter is required");
        }
        else if (!Exists(definition, targets[0].Kind, targets[0].Id!))
        {
            errors.Add($"target.{Lower(targets[0].Kind)}: no {Lower(targets[0].Kind)} '{targets[0].Id}' in the current cluster definition");
        }

        var start = Time(body.Start, "start", errors);
        var end = Time(body.End, "end", errors);
        MaintenanceMode? mode = body.Mode switch
        {
            "drain" => MaintenanceMode.Drain,
            "mute" => MaintenanceMode.Mute,
            _ => null,
        };
        if (mode is null)
        {
            errors.Add($"mode: {(body.Mode is null ? "required" : $"'{body.Mode}' is not one")}: drain or mute");
        }

        if (body.Force == true && mode == MaintenanceMode.Mute)
        {
            errors.Add("force: applies only when mode is drain");
        }

        if (start is { } s && end is { } e)
        {
            errors.AddRange(MaintenanceSchedule.Validate(s, e, now));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new MaintenanceWindow(string.Empty, targets[0].Kind, targets[0].Id!, start!.Value, end!.Value, mode!.Value, body.Reason ?? string.Empty,
            string.IsNullOrWhiteSpace(body.Actor) ? "api" : body.Actor, now, body.Force ?? false), errors);
    }

    private static bool Exists(ClusterDefinition? definition, MaintenanceTargetKind kind, string id) => definition is not null && kind switch
    {
        MaintenanceTargetKind.Endpoint => definition.FindEndpoint(id) is not null,
        MaintenanceTargetKind.Service => definition.FindService(id) is not null,
        _ => definition.Datacenters.Any(d => d.Id == id),
    };

    private static DateTimeOffset? Time(string? text, string field, List<string> errors)
    {
        if (text is null)
        {
            errors.Add($"{field}: required (ISO 8601, for example 2026-12-03T22:00:00Z)");
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        errors.Add($"{field}: '{text}' is not an ISO 8601 time");
        return null;
    }

    private static string Lower(MaintenanceTargetKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>Body of <c>POST /api/v1/maintenance</c>.</summary>
public sealed record MaintenanceBody(MaintenanceTargetBody? Target, string? Start, string? End, string? Mode, string? Reason, bool? Force, string? Actor);

/// <summary>Exactly one of the three.</summary>
public sealed record MaintenanceTargetBody(string? Endpoint, string? Service, string? Datacenter);
