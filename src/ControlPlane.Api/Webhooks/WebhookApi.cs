using System.Text;
using ControlPlane.Api.Access;
using ControlPlane.Configuration;
using ControlPlane.Core.Webhooks;
using ControlPlane.Grains;
using ControlPlane.Grains.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.Webhooks;

/// <summary>Maps <c>/api/v1/webhooks</c>: subscriptions, test sends, deliveries (pending and dead) and replay of dead letters.</summary>
/// <remarks>
/// Deliveries live in the outboxes of the endpoint and service grains that raised them; listing asks
/// each grain of the current definition. A delivery id names its grain (<c>endpoint.web-1.7</c>), so
/// a replay goes straight to it. Secrets appear only as references.
/// </remarks>
public static class WebhookApi
{
    private static readonly string[] States = ["pending", "dead"];

    public static RouteGroupBuilder MapWebhookApi(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", (WebhookSubscriptions subscriptions) => Results.Ok(subscriptions.All.Select(WebhookView.Of).ToList())).WithName("ListWebhooks");
        api.MapPost("/webhooks", CreateAsync).WithName("CreateWebhook").Accepts<string>("application/json", "application/yaml").RequireAdmin();
        api.MapDelete("/webhooks/{id}", DeleteAsync).WithName("DeleteWebhook").RequireAdmin();
        api.MapPost("/webhooks/{id}/test", TestAsync).WithName("TestWebhook");
        api.MapGet("/webhooks/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries");
        api.MapPost("/webhooks/deliveries/{id}/replay", ReplayAsync).WithName("ReplayWebhookDelivery");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IGrainFactory grains, WebhookSubscriptions subscriptions, WebhookRegistryRefresher refresher, TimeProvider time)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var parsed = WebhookSubscriptionParser.Parse(text, "request body", WebhookSubscription.FromApi);
        if (parsed.Value is not { } subscription)
        {
            var first = parsed.Errors[0];
            return Results.BadRequest(new FieldError($"{(first.Path.Length == 0 ? string.Empty : first.Path + ": ")}{first.Message}", first.Path.Length == 0 ? null : first.Path,
                parsed.Errors.Select(e => e.Path.Length == 0 ? e.Message : $"{e.Path}: {e.Message}").ToList()));
        }

        if (subscriptions.Find(subscription.Id) is { } existing)
        {
            return Results.Conflict(new FieldError($"webhook '{subscription.Id}' exists (from the {existing.Source})", "id", []));
        }

        var by = request.HttpContext.User.Identity?.Name ?? request.Headers["X-Applied-By"].FirstOrDefault() ?? "api";
        if (!await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).AddAsync(new StoredWebhook(subscription.Id, text, time.GetUtcNow(), by)))
        {
            return Results.Conflict(new FieldError($"webhook '{subscription.Id}' exists", "id", []));
        }

        await refresher.RefreshAsync();
        return Results.Created($"/api/v1/webhooks/{subscription.Id}", WebhookView.Of(subscription));
    }

    private static async Task<IResult> DeleteAsync(string id, IGrainFactory grains, WebhookSubscriptions subscriptions, WebhookRegistryRefresher refresher)
    {
        if (subscriptions.Find(id) is { Source: WebhookSubscription.FromDefinition })
        {
            return Results.Conflict(new FieldError($"webhook '{id}' is part of the cluster definition: remove it there", "id", []));
        }

        if (!await grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).RemoveAsync(id))
        {
            return Results.NotFound(new FieldError($"no webhook '{id}'", "id", []));
        }

        await refresher.RefreshAsync();
        return Results.NoContent();
    }

    private static async Task<IResult> TestAsync(string id, HttpRequest request, WebhookSubscriptions subscriptions, WebhookSender sender, TimeProvider time)
    {
        if (subscriptions.Find(id) is not { } subscription)
        {
            return Results.NotFound(new FieldError($"no webhook '{id}'", "id", []));
        }

        var now = time.GetUtcNow();
        var by = request.HttpContext.User.Identity?.Name ?? "api";
        var e = WebhookEventMapper.Test(id, by, now);
        var delivery = new WebhookDelivery($"test.{id}.{now.ToUnixTimeMilliseconds()}", 0, id, e, now, 0, now);
        var result = await sender.SendAsync(subscription, delivery, request.HttpContext.RequestAborted);
        return Results.Ok(new { subscription = id, delivery = delivery.Id, delivered = result.Succeeded, status = result.StatusCode, result = result.ToString() });
    }

    private static async Task<IResult> ListDeliveriesAsync(HttpRequest request, IGrainFactory grains, ClusterContext cluster)
    {
        var state = request.Query["state"].FirstOrDefault();
        if (state is not null && !States.Contains(state))
        {
            return Results.BadRequest(new FieldError($"state: '{state}' must be pending or dead", "state", []));
        }

        var limit = 100;
        if (request.Query["limit"].FirstOrDefault() is { } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > 10_000))
        {
            return Results.BadRequest(new FieldError($"limit: '{limitText}' must be a whole number from 1 to 10000", "limit", []));
        }

        var subscription = request.Query["subscription"].FirstOrDefault();
        if (!cluster.HasDefinition)
        {
            return Results.Ok(Array.Empty<WebhookDeliveryView>());
        }

        var definition = cluster.Definition.Cluster;
        var owners = definition.Services.Select(s => GrainId.Create(GrainKinds.Service, s.Id))
            .Concat(definition.AllEndpoints.Select(e => GrainId.Create(GrainKinds.Endpoint, e.Id)));
        var all = await Task.WhenAll(owners.Select(g => grains.GetGrain<IWebhookOutboxGrain>(g).GetWebhookDeliveriesAsync()));
        var deliveries = all.SelectMany(d => d)
            .Where(d => (state is null || d.State == state) && (subscription is null || d.SubscriptionId == subscription))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select(WebhookDeliveryView.Of)
            .ToList();
        return Results.Ok(deliveries);
    }

    private static async Task<IResult> ReplayAsync(string id, IGrainFactory grains)
    {
        if (WebhookDispatcher.GrainOf(id) is not { } grain || grain.Kind is not (GrainKinds.Endpoint or GrainKinds.Service))
        {
            return Results.NotFound(new FieldError($"no dead delivery '{id}'", "id", []));
        }

        return await grains.GetGrain<IWebhookOutboxGrain>(GrainId.Create(grain.Kind, grain.Key)).ReplayWebhookAsync(id)
            ? Results.Accepted(value: new { id, state = "pending" })
            : Results.NotFound(new FieldError($"no dead delivery '{id}'", "id", []));
    }
}
