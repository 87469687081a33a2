using ControlPlane.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Api.Access;

/// <summary>
/// Writes every mutating <c>/api</c> call (any method but GET, HEAD, OPTIONS) to the API audit log once
/// answered, refused ones (401, 403, 429, 413) included: key, role, action (the route's name), target
/// (the path), status, time. The entry is written before the response completes, so it can be read at once.
/// </summary>
internal sealed partial class ApiAuditMiddleware(RequestDelegate next, IControlPlaneStore store, TimeProvider time, ILogger<ApiAuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            await RecordAsync(context);
        }
    }

    private async Task RecordAsync(HttpContext context)
    {
        var caller = ApiCaller.From(context.User);
        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var request = context.Request;
        var entry = new ApiAuditEntry(Guid.NewGuid().ToString("N"), time.GetUtcNow(), caller?.KeyId, caller?.Name, caller?.Role.Name(),
            request.Method, name ?? $"{request.Method} {request.Path}", request.Path.ToString(), context.Response.StatusCode);
        try
        {
            await store.Access.AppendAuditAsync(entry, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogAuditFailed(logger, entry.Method, entry.Target, entry.Status, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the API audit entry of {Method} {Target} ({Status})")]
    private static partial void LogAuditFailed(ILogger logger, string method, string target, int status, Exception exception);
}
