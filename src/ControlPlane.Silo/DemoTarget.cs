using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Silo;

/// <summary>A tiny HTTP target for the offline demo and the tests: <c>GET /health</c> answers 200 "ok" until told to fail.</summary>
/// <remarks>
/// <c>POST /_demo/down</c> makes it answer 503; <c>POST /_demo/down?region=us-east</c> fails only the
/// probes of that region (they name it in the <c>X-ControlPlane-Region</c> header), to simulate a
/// region cut off from the target; <c>POST /_demo/up</c> heals it. Stopping it closes the port.
/// </remarks>
internal sealed class DemoTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HashSet<string> _downForRegions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _requestsByRegion = new(StringComparer.Ordinal);
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
        app.MapGet("/health", (HttpRequest request) => target.IsDownFor(request.Headers["X-ControlPlane-Region"].ToString()) ? Results.Text("down", statusCode: 503) : Results.Text("ok"));
        app.MapGet("/", () => Results.Text($"demo target {name}\n"));
        app.MapPost("/_demo/down", (string? region) => { target.SetDown(region); return Results.Text(region is null ? "down\n" : $"down for {region}\n"); });
        app.MapPost("/_demo/up", () => { target.SetUp(); return Results.Text("up\n"); });
        await app.StartAsync(cancellationToken);
        return target;
    }

    /// <summary>Health requests received, by probing region (the <c>X-ControlPlane-Region</c> header).</summary>
    internal IReadOnlyDictionary<string, int> RequestsByRegion
    {
        get
        {
            lock (_downForRegions)
            {
                return new Dictionary<string, int>(_requestsByRegion);
            }
        }
    }

    private bool IsDownFor(string region)
    {
        lock (_downForRegions)
        {
            _requestsByRegion[region] = _requestsByRegion.GetValueOrDefault(region) + 1;
            return _down || _downForRegions.Contains(region);
        }
    }

    internal void SetDown(string? region)
    {
        lock (_downForRegions)
        {
            if (region is null)
            {
                _down = true;
            }
            else
            {
                _downForRegions.Add(region);
            }
        }
    }

    internal void SetUp()
    {
        lock (_downForRegions)
        {
            _down = false;
            _downForRegions.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
