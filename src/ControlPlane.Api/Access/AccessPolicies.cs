using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ControlPlane.Api.Access;

/// <summary>The authorization policies, one per role (named as the role); a role's policy admits it and every higher role.</summary>
public static class AccessPolicies
{
    public const string Viewer = ApiRoles.Viewer;
    public const string Operator = ApiRoles.Operator;
    public const string Admin = ApiRoles.Admin;

    /// <summary>The status page's reads while it is open: no key, or a valid key of any role (a bad or revoked key is still 401).</summary>
    public const string OpenRead = "open-read";

    public static void Add(AuthorizationOptions options, bool openStatusPage)
    {
        options.AddPolicy(Viewer, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiRoles.Viewer, ApiRoles.Operator, ApiRoles.Admin));
        options.AddPolicy(Operator, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiRoles.Operator, ApiRoles.Admin));
        options.AddPolicy(Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiRoles.Admin));

        options.AddPolicy(OpenRead, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && !http.Request.Headers.ContainsKey(HeaderNames.Authorization))));

        // Routes that say nothing (the status page, its assets, the OpenAPI document) follow api.openStatusPage.
        options.FallbackPolicy = openStatusPage ? null : options.GetPolicy(Viewer);
    }

    /// <summary>Only admin keys may call this route.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Admin);

    /// <summary>Operator and admin keys may call this route.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Operator);
}
