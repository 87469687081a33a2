using System.Net;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
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

public sealed class GrpcHealthCheckTests : IAsyncLifetime
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();
    private readonly HealthServiceImpl _health = new();
    private WebApplication? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_health);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _server = builder.Build();
        _server.MapGrpcService<HealthServiceImpl>();
        await _server.StartAsync();
        _port = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _health.SetStatus("shop.Orders", HealthCheckResponse.Types.ServingStatus.Serving);
        _health.SetStatus("shop.Billing", HealthCheckResponse.Types.ServingStatus.NotServing);
        _health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
    }

    public async Task DisposeAsync()
    {
        _engine.Dispose();
        await _server!.DisposeAsync();
    }

    private ProbeTarget Target(string service, params string[] assertions) => new(
        "ep-1",
        "eu-central",
        IPAddress.Loopback,
        _port,
        null,
        new CheckDefinition
        {
            Id = "grpc",
            Kind = CheckKind.Grpc,
            Grpc = new GrpcCheckDefinition { Service = service },
            Assertions = Checks.Conditions(ConditionScope.Grpc, assertions),
        });

    [Fact]
    public async Task A_serving_service_passes_over_h2c()
    {
        var observation = await _engine.RunAsync(Target("shop.Orders"), CancellationToken.None);

        Assert.True(observation.IsSuccess, observation.Detail);
        Assert.Matches(@"^service 'shop.Orders' is SERVING \(\d+ ms\)$", observation.Detail);
        Assert.NotNull(observation.Phases!.Connect);
    }

    [Fact]
    public async Task The_whole_server_is_asked_with_an_empty_service_name() =>
        Assert.True((await _engine.RunAsync(Target(string.Empty), CancellationToken.None)).IsSuccess);

    [Fact]
    public async Task A_not_serving_service_fails_with_its_status()
    {
        var observation = await _engine.RunAsync(Target("shop.Billing"), CancellationToken.None);

        Assert.Equal(ObservationOutcome.AssertionFailed, observation.Outcome);
        Assert.Equal("service 'shop.Billing': [GRPC_STATUS] == SERVING failed: [GRPC_STATUS] is \"NOT_SERVING\"", observation.Detail);
    }

    [Fact]
    public async Task An_unknown_service_fails()
    {
        var observation = await _engine.RunAsync(Target("shop.Nothing"), CancellationToken.None);

        Assert.Equal(ObservationOutcome.AssertionFailed, observation.Outcome);
        Assert.Equal("service 'shop.Nothing' is unknown to the health service (NOT_FOUND)", observation.Detail);
    }

    [Fact]
    public async Task A_closed_port_is_a_connect_failure()
    {
        var port = Probes.UnusedPort(IPAddress.Loopback);
        var observation = await _engine.RunAsync(Target("shop.Orders") with { Port = port }, CancellationToken.None);

        Assert.Equal(ObservationOutcome.ConnectFailed, observation.Outcome);
        Assert.Equal($"connect to 127.0.0.1:{port} refused", observation.Detail);
    }

    [Fact]
    public async Task Conditions_replace_the_default_pass_rule() =>
        Assert.True((await _engine.RunAsync(Target("shop.Billing", "[GRPC_STATUS] == NOT_SERVING"), CancellationToken.None)).IsSuccess);
}

public sealed class GrpcTlsHealthCheckTests : IAsyncLifetime
{
    private const string HostName = "grpc.example.test";

    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();
    private WebApplication? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        var certificate = TestCertificates.SelfSigned(HostName, DateTimeOffset.UtcNow.AddDays(30));
        var health = new HealthServiceImpl();
        health.SetStatus("shop.Orders", HealthCheckResponse.Types.ServingStatus.Serving);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(health);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            l.UseHttps(certificate);
        }));
        _server = builder.Build();
        _server.MapGrpcService<HealthServiceImpl>();
        await _server.StartAsync();
        _port = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }

    public async Task DisposeAsync()
    {
        _engine.Dispose();
        await _server!.DisposeAsync();
    }

    private Task<Observation> Probe(bool validate) => _engine.RunAsync(
        new ProbeTarget("ep-1", "eu-central", IPAddress.Loopback, _port, HostName, new CheckDefinition
        {
            Id = "grpc-tls",
            Kind = CheckKind.Grpc,
            Grpc = new GrpcCheckDefinition { Service = "shop.Orders", Tls = true, ValidateCertificate = validate },
        }),
        CancellationToken.None);

    [Fact]
    public async Task Over_tls_the_certificate_is_validated_and_with_validation_off_the_check_passes()
    {
        var rejected = await Probe(validate: true);
        var passed = await Probe(validate: false);

        Assert.Equal(ObservationOutcome.CertificateInvalid, rejected.Outcome);
        Assert.Contains($"certificate for '{HostName}' rejected", rejected.Detail, StringComparison.Ordinal);
        Assert.True(passed.IsSuccess, passed.Detail);
        Assert.NotNull(passed.Phases!.Tls);
    }
}
