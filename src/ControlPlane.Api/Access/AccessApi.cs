using System.Text.RegularExpressions;
using ControlPlane.Api.Paging;
using ControlPlane.Configuration.Silo;
using ControlPlane.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Api.Access;

/// <summary>
/// <c>/api/v1/keys</c> and <c>/api/v1/audit</c> (admin), and the access conventions of every
/// <c>/api/v1</c> route (<see cref="AccessConventions"/>). docs/security.md.
/// </summary>
public static partial class AccessApi
{
    public static RouteGroupBuilder MapAccessApi(this RouteGroupBuilder api)
    {
        AccessConventions.Apply(api, ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<ApiSettings>());
        api.MapGet("/keys", ListKeysAsync).WithName("ListKeys").RequireAdmin();
        api.MapGet("/keys/{id}", GetKeyAsync).WithName("GetKey").RequireAdmin();
        api.MapPost("/keys", CreateKeyAsync).WithName("CreateKey").RequireAdmin();
        api.MapDelete("/keys/{id}", RevokeKeyAsync).WithName("RevokeKey").RequireAdmin();
        api.MapGet("/audit", ListAuditAsync).WithName("ListAudit").RequireAdmin();
        return api;
    }

    private static async Task<IResult> ListKeysAsync(HttpRequest request, IControlPlaneStore store, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request, "limit", "cursor", "revoked");
        var limit = query.Limit(fallback: 100, max: 1000);
        var cursor = query.Cursor();
        var revoked = query.Choice("revoked", "true", "false");
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var keys = (await store.Access.ListKeysAsync(cancellationToken))
            .Where(k => revoked is null || (k.RevokedAt is not null) == (revoked == "true"))
            .Where(k => cursor is not { } c || k.CreatedAt > c.At || (k.CreatedAt == c.At && string.CompareOrdinal(k.Id, c.Id) > 0))
            .Take(limit + 1)
            .ToList();
        var page = keys.Take(limit).Select(ApiKeyView.Of).ToList();
        var next = keys.Count > limit ? PageCursor.Encode(page[^1].CreatedAt, page[^1].Id) : null;
        return Results.Ok(new Page<ApiKeyView>(page, next));
    }

    private static async Task<IResult> GetKeyAsync(string id, IControlPlaneStore store, CancellationToken cancellationToken) =>
        await store.Access.GetKeyAsync(id, cancellationToken) is { } key ? Results.Ok(ApiKeyView.Of(key)) : KeyNotFound(id);

    private static async Task<IResult> CreateKeyAsync(CreateKeyRequest? body, HttpContext context, IControlPlaneStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Name) || !KeyName().IsMatch(body.Name))
        {
            return Results.BadRequest(new ApiError("name: required, 1-64 letters, digits, '.', '_' or '-' (for example ci or deploy-bot)", []) { Field = "name" });
        }

        if (!ApiRoles.TryParse(body.Role, out var role))
        {
            return Results.BadRequest(new ApiError($"role: '{body.Role}' must be viewer, operator or admin", []) { Field = "role" });
        }

        var (id, text, hash) = ApiKeySecret.Generate();
        var creator = ApiCaller.From(context.User)?.Name ?? "unknown";
        var record = new ApiKeyRecord(id, body.Name, role.Name(), hash, creator, DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()));
        await store.Access.CreateKeyAsync(record, cancellationToken);
        return Results.Created($"/api/v1/keys/{id}", new CreatedApiKey(id, record.Name, record.Role, creator, record.CreatedAt, text));
    }

    private static async Task<IResult> RevokeKeyAsync(string id, IControlPlaneStore store, ApiKeyVerifier verifier, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await store.Access.RevokeKeyAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return KeyNotFound(id);
        }

        verifier.Forget(id);
        return Results.Ok(ApiKeyView.Of((await store.Access.GetKeyAsync(id, cancellationToken))!));
    }

    private static async Task<IResult> ListAuditAsync(HttpRequest request, IControlPlaneStore store, CancellationToken cancellationToken)
    {
        var query = new QueryParameters(request, "limit", "cursor");
        var limit = query.Limit(fallback: 100, max: 1000);
        var cursor = query.Cursor();
        if (!query.IsValid)
        {
            return query.Problem();
        }

        var entries = await store.Access.QueryAuditAsync(limit + 1, cursor is { } c ? new ApiAuditPosition(c.At, c.Id) : null, cancellationToken);
        var page = entries.Take(limit).ToList();
        var next = entries.Count > limit ? PageCursor.Encode(page[^1].At, page[^1].Id) : null;
        return Results.Ok(new Page<ApiAuditEntry>(page, next));
    }

    private static IResult KeyNotFound(string id) => Results.NotFound(new ApiError($"no API key '{id}'", []));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyName();
}
