using System.Net;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using Grpc.Health.V1;

namespace ControlPlane.Probing.Tests;

public sealed class GrpcHealthCheckTests : IAsyncLifetime
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();
    private GrpcHealthTarget? _server;

    private int Port => _server!.Port;

    public async Task InitializeAsync()
    {
        _server = await GrpcHealthTarget.StartAsync();
        _server.Set("shop.Orders", HealthCheckResponse.Types.ServingStatus.Serving);
        _server.Set("shop.Billing", HealthCheckResponse.Types.ServingStatus.NotServing);
        _server.Set(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
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
        Port,
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
    private GrpcHealthTarget? _server;

    private int Port => _server!.Port;

    public async Task InitializeAsync()
    {
        _server = await GrpcHealthTarget.StartAsync(TestCertificates.SelfSigned(HostName, DateTimeOffset.UtcNow.AddDays(30)));
        _server.Set("shop.Orders", HealthCheckResponse.Types.ServingStatus.Serving);
    }

    public async Task DisposeAsync()
    {
        _engine.Dispose();
        await _server!.DisposeAsync();
    }

    private Task<Observation> Probe(bool validate) => _engine.RunAsync(
        new ProbeTarget("ep-1", "eu-central", IPAddress.Loopback, Port, HostName, new CheckDefinition
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
