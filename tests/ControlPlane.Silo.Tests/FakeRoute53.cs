using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// A loopback HTTP server standing in for the Route 53 API that refuses every request with
/// AWS's AccessDenied error, and records the session token each request was signed with.
/// </summary>
internal sealed class FakeRoute53 : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _sessionTokens = [];

    private FakeRoute53(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The <c>x-amz-security-token</c> of every signed request received so far.</summary>
    public IReadOnlyList<string> SessionTokens
    {
        get
        {
            lock (_sessionTokens)
            {
                return _sessionTokens.ToList();
            }
        }
    }

    public static async Task<FakeRoute53> StartAsync()
    {
        var address = LoopbackAddresses.Next();
        var url = new Uri($"http://{address}:{LoopbackAddresses.FreePort(address)}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        var fake = new FakeRoute53(app, url);
        app.Run(fake.RefuseAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task RefuseAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 && context.Request.Headers["x-amz-security-token"].ToString() is { Length: > 0 } token)
        {
            lock (_sessionTokens)
            {
                _sessionTokens.Add(token);
            }
        }

        context.Response.StatusCode = (int)HttpStatusCode.Forbidden;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform route53:ListResourceRecordSets</Message></Error><RequestId>fake-1</RequestId></ErrorResponse>
            """);
    }
}
