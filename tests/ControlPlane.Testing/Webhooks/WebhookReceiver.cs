using System.Text;
using ControlPlane.Testing.Silos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Testing.Webhooks;

/// <summary>A real HTTP webhook receiver (Kestrel on a free loopback port) that records every request; it can be stopped (connection refused) and started again on the same port, answer a status, or hold requests.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly List<ReceivedWebhook> _received = [];
    private WebApplication? _app;
    private TaskCompletionSource _release = NewRelease();

    private WebhookReceiver(Uri url) => Url = url;

    public Uri Url { get; }

    /// <summary>Answered to requests on paths starting with <c>/reject</c>.</summary>
    public int RejectStatus { get; set; } = 410;

    /// <summary>While true, requests are recorded and then held until <see cref="ReleaseHeld"/>.</summary>
    public bool Hold { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var address = LoopbackAddresses.Next();
        var receiver = new WebhookReceiver(new Uri($"http://{address}:{LoopbackAddresses.FreePort(address)}"));
        await receiver.StartAgainAsync();
        return receiver;
    }

    /// <summary>Starts listening (again) on the same address and port.</summary>
    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url.ToString());
        var app = builder.Build();
        app.Run(ReceiveAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: attempts now fail with connection refused.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            ReleaseHeld();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public void ReleaseHeld()
    {
        var release = _release;
        _release = NewRelease();
        release.TrySetResult();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_received)
        {
            _received.Add(new ReceivedWebhook(context.Request.Path, headers, body, DateTimeOffset.UtcNow));
        }

        if (Hold)
        {
            await _release.Task.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = context.Request.Path.StartsWithSegments("/reject") ? RejectStatus : 200;
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One request the receiver got.</summary>
internal sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public string Key => Headers.GetValueOrDefault("Idempotency-Key") ?? string.Empty;

    public string Type => Headers.GetValueOrDefault("X-ControlPlane-Event") ?? string.Empty;
}
