using ControlPlane.Configuration.Silo;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Api.Access;

/// <summary>Registers and switches on API access control: the <c>ApiKey</c> scheme, role policies, rate limits, the audit log.</summary>
public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddControlPlaneAccess(this IServiceCollection services, ApiSettings settings, BootstrapKeys bootstrap)
    {
        services.AddSingleton(settings);
        services.AddSingleton(bootstrap);
        services.AddSingleton<ApiKeyVerifier>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o => AccessPolicies.Add(o, settings.OpenStatusPage));
        services.AddRateLimiter(o => ApiRateLimits.Configure(o, settings));
        return services;
    }

    /// <summary>
    /// After routing: authenticate, audit mutating calls (so refusals below are recorded too), rate
    /// limit, turn oversize bodies into 413s, authorize.
    /// </summary>
    public static WebApplication UseControlPlaneAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<ApiAuditMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<RequestLimitMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
