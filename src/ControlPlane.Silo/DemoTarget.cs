using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Silo;

/// <summary>A tiny HTTP target for the offline demo and the tests: <c>GET /health</c> answers 200 "ok" until told to fail.</summary>
/// <remarks><c>POST /_demo/down</c> makes it answer 503, <c>POST /_demo/up</c> heals it. Stopping it closes the port.</remarks>
internal sealed class DemoTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _down;

    private DemoTarget(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public static async Task<DemoTarget> StartAsync(string name, IPEndPoint listen, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(listen));
        var app = builder.Build();
        var target = new DemoTarget(name, app);
        app.MapGet("/health", () => target._down ? Results.Text("down", statusCode: 503) : Results.Text("ok"));
        app.MapGet("/", () => Results.Text($"demo target {name}\n"));
        app.MapPost("/_demo/down", () => { target._down = true; return Results.Text("down\n"); });
        app.MapPost("/_demo/up", () => { target._down = false; return Results.Text("up\n"); });
        await app.StartAsync(cancellationToken);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
