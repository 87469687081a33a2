using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing.Tests;

/// <summary>A real gRPC server (Kestrel, HTTP/2 only, loopback port 0) serving the standard health service, h2c or TLS.</summary>
internal sealed class GrpcHealthTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcHealthTarget(WebApplication app, HealthServiceImpl health, int port)
    {
        _app = app;
        Health = health;
        Port = port;
    }

    /// <summary>Set a service's status here; the empty name is the server as a whole.</summary>
    public HealthServiceImpl Health { get; }

    public int Port { get; }

    public static async Task<GrpcHealthTarget> StartAsync(X509Certificate2? certificate = null)
    {
        var health = new HealthServiceImpl();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(health);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return new GrpcHealthTarget(app, health, port);
    }

    public void Set(string service, HealthCheckResponse.Types.ServingStatus status) => Health.SetStatus(service, status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
