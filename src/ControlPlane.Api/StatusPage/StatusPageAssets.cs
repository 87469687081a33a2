using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace ControlPlane.Api.StatusPage;

/// <summary>Serves the status page: one HTML document at <c>/</c> and its script and style under <c>/status/</c>, embedded in this assembly.</summary>
/// <remarks>
/// The page loads nothing from anywhere else: its Content-Security-Policy allows only this silo
/// (scripts, styles, and the <c>/api/v1</c> reads the script makes), so a stray external reference
/// fails loudly in the browser instead of leaking a request. Each asset carries an ETag (a hash of
/// its bytes), so a browser revalidates cheaply and always runs the silo's own version.
/// </remarks>
public static class StatusPageAssets
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Asset Html = Load("status.html", "text/html; charset=utf-8");
    private static readonly Asset Script = Load("status.js", "text/javascript; charset=utf-8");
    private static readonly Asset Style = Load("status.css", "text/css; charset=utf-8");

    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, Html)).ExcludeFromDescription();
        app.MapGet("/status/status.js", (HttpContext context) => Serve(context, Script)).ExcludeFromDescription();
        app.MapGet("/status/status.css", (HttpContext context) => Serve(context, Style)).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, Asset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static Asset Load(string name, string contentType)
    {
        var assembly = typeof(StatusPageAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream($"ControlPlane.Api.StatusPage.{name}")
            ?? throw new InvalidOperationException($"status page asset {name} is not embedded in {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return new Asset(bytes, contentType, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"").ToString());
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
