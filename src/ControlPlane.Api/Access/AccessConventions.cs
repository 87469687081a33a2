using ControlPlane.Configuration.Silo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;

namespace ControlPlane.Api.Access;

/// <summary>
/// What every <c>/api/v1</c> route gets unless it says otherwise: GET needs a viewer key, any other
/// method an operator key; the routes named in <see cref="AdminRoutes"/> an admin key; the read-only
/// routes the status page calls (<see cref="StatusPageReads"/>) no key while <c>api.openStatusPage</c> is on
/// (<see cref="AccessPolicies.OpenRead"/>: a key sent must still be valid).
/// Every route is rate limited per key and has the request size limit of its kind.
/// </summary>
/// <remarks>
/// Applied as a <c>Finally</c> convention of the route group, after each route's own conventions, so a
/// route mapped with <c>.RequireAuthorization(...)</c> or <c>.AllowAnonymous()</c> keeps what it says.
/// </remarks>
internal static class AccessConventions
{
    /// <summary>Routes (by name) that need an admin key whatever their method.</summary>
    public static readonly HashSet<string> AdminRoutes = new(StringComparer.Ordinal) { "ApplyDefinition" };

    /// <summary>The read-only routes the status page's script calls.</summary>
    public static readonly HashSet<string> StatusPageReads = new(StringComparer.Ordinal)
    {
        "GetCluster", "ListServices", "GetService", "GetEndpoint", "ListDecisions", "ListDnsChanges", "GetHistory", "GetProbing",
    };

    public static void Apply(RouteGroupBuilder api, ApiSettings settings)
    {
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var explicitAuth = endpoint.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous);
            if (name is not null && AdminRoutes.Contains(name))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(AccessPolicies.Admin));
            }
            else if (!explicitAuth)
            {
                var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
                var read = methods.Count > 0 && methods.All(m => m is "GET" or "HEAD");
                if (read && settings.OpenStatusPage && name is not null && StatusPageReads.Contains(name))
                {
                    endpoint.Metadata.Add(new AuthorizeAttribute(AccessPolicies.OpenRead));
                }
                else
                {
                    endpoint.Metadata.Add(new AuthorizeAttribute(read ? AccessPolicies.Viewer : AccessPolicies.Operator));
                }
            }

            endpoint.Metadata.Add(new EnableRateLimitingAttribute(ApiRateLimits.Policy));
            endpoint.Metadata.Add(new RequestSizeLimitAttribute(name == "ApplyDefinition" ? settings.MaxDefinitionBytes : settings.MaxRequestBytes));
        });
    }
}
