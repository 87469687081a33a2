using Microsoft.AspNetCore.Http;

namespace ControlPlane.Api.Access;

/// <summary>Answers a body over the size limit (Kestrel's <see cref="BadHttpRequestException"/>) as a JSON 413 naming the limit, not a 500.</summary>
internal sealed class RequestLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            await context.Response.WriteAsJsonAsync(new ApiError(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request body too large: " + e.Message : e.Message, []));
        }
    }
}
