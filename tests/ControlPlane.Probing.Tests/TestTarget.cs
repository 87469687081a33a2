using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing.Tests;

/// <summary>A real Kestrel server on one loopback address that counts accepted TCP connections and records what probes sent.</summary>
internal sealed class TestTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private TestTarget(WebApplication app) => _app = app;

    public IPAddress Address { get; private set; } = IPAddress.Loopback;

    public int Port { get; private set; }

    /// <summary>TCP connections Kestrel accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Host header of every request, in arrival order.</summary>
    public ConcurrentQueue<string> HostHeaders { get; } = new();

    /// <summary>TLS server name (SNI) of every handshake, in arrival order.</summary>
    public ConcurrentQueue<string?> ServerNames { get; } = new();

    /// <summary>Request headers of every request, in arrival order.</summary>
    public ConcurrentQueue<IHeaderDictionary> RequestHeaders { get; } = new();

    public static async Task<TestTarget> StartAsync(IPAddress address, RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        TestTarget? target = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, 0, listen =>
        {
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref target!._connections);
                return next(connection);
            });
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, name) =>
                    {
                        target!.ServerNames.Enqueue(name);
                        return certificate;
                    },
                });
            }
        }));

        var app = builder.Build();
        target = new TestTarget(app);
        app.Run(context =>
        {
            target.HostHeaders.Enqueue(context.Request.Host.Value ?? "");
            target.RequestHeaders.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            return handler(context);
        });
        await app.StartAsync();

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        target.Address = IPAddress.Parse(bound.Host);
        target.Port = bound.Port;
        return target;
    }

    public static Task<TestTarget> StartAsync(string address, RequestDelegate handler, X509Certificate2? certificate = null) =>
        StartAsync(IPAddress.Parse(address), handler, certificate);

    /// <summary>A handler answering <paramref name="status"/> with <paramref name="body"/>.</summary>
    public static RequestDelegate Respond(int status, string body = "") => async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    };

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
