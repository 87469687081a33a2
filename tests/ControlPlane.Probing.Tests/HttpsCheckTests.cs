using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Tests;

public sealed class HttpsCheckTests : IDisposable
{
    private const string HostName = "api.example.test";

    private static readonly X509Certificate2 LongLived = TestCertificates.SelfSigned(HostName, DateTimeOffset.UtcNow.AddDays(90));

    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Self_signed_certificate_fails_validation_by_default()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.5", TestTarget.Respond(200, "ok"), LongLived);

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { Tls = true }, HostName), CancellationToken.None);

        Assert.Equal(ObservationOutcome.CertificateInvalid, observation.Outcome);
        Assert.StartsWith($"certificate for '{HostName}' rejected: chain not trusted (", observation.Detail);
        Assert.Contains("UntrustedRoot", observation.Detail);
        Assert.Equal(new DateTimeOffset(LongLived.NotAfter.ToUniversalTime()), observation.CertificateExpiresAt);
        Assert.Empty(target.HostHeaders);
    }

    [Fact]
    public async Task Self_signed_certificate_passes_with_validation_off_and_its_expiry_is_reported()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.5", TestTarget.Respond(200, "ok"), LongLived);

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { Tls = true, ValidateCertificate = false, BodyContains = "ok" }, HostName),
            CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal(200, observation.StatusCode);
        Assert.Equal(new DateTimeOffset(LongLived.NotAfter.ToUniversalTime()), observation.CertificateExpiresAt);
    }

    [Fact]
    public async Task Certificate_expiring_in_two_days_fails_a_seven_day_minimum()
    {
        using var expiring = TestCertificates.SelfSigned(HostName, DateTimeOffset.UtcNow.AddDays(2).AddHours(1));
        await using var target = await TestTarget.StartAsync("127.0.0.5", TestTarget.Respond(200, "ok"), expiring);
        var http = new HttpCheckDefinition { Tls = true, ValidateCertificate = false, CertificateMinDaysValid = 7 };

        var observation = await _engine.RunAsync(Probes.Http(target, http, HostName), CancellationToken.None);

        var expiresAt = new DateTimeOffset(expiring.NotAfter.ToUniversalTime());
        Assert.Equal(ObservationOutcome.CertificateInvalid, observation.Outcome);
        Assert.Equal($"certificate expires {expiresAt:yyyy-MM-dd} (in 2 days, minimum 7)", observation.Detail);
        Assert.Equal(expiresAt, observation.CertificateExpiresAt);
    }

    [Fact]
    public async Task Certificate_expiring_after_the_minimum_passes()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.5", TestTarget.Respond(200, "ok"), LongLived);
        var http = new HttpCheckDefinition { Tls = true, ValidateCertificate = false, CertificateMinDaysValid = 30 };

        var observation = await _engine.RunAsync(Probes.Http(target, http, HostName), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
    }

    [Fact]
    public async Task Host_name_is_sent_as_sni_and_host_header()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.6", TestTarget.Respond(200, "ok"), LongLived);

        var observation = await _engine.RunAsync(
            Probes.Http(target, new HttpCheckDefinition { Tls = true, ValidateCertificate = false }, HostName), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Equal(HostName, Assert.Single(target.ServerNames));
        Assert.Equal($"{HostName}:{target.Port}", Assert.Single(target.HostHeaders));
    }

    [Fact]
    public async Task Pooled_checks_with_different_host_names_never_share_a_tls_connection()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.6", TestTarget.Respond(200, "ok"), LongLived);
        var http = new HttpCheckDefinition { Tls = true, ValidateCertificate = false, FreshConnection = false };

        foreach (var name in new[] { "a.example.test", "b.example.test", "a.example.test", "b.example.test" })
        {
            var observation = await _engine.RunAsync(Probes.Http(target, http, name), CancellationToken.None);
            Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        }

        Assert.Equal(new[] { "a.example.test", "b.example.test" }, target.ServerNames.Select(n => n ?? "").Order());
        Assert.Equal(
            [$"a.example.test:{target.Port}", $"b.example.test:{target.Port}", $"a.example.test:{target.Port}", $"b.example.test:{target.Port}"],
            target.HostHeaders.ToArray());
        Assert.Equal(2, target.Connections);
    }

    [Fact]
    public async Task Tls_handshake_that_stalls_fails_within_the_connect_timeout()
    {
        // Accepts TCP connections but never answers the TLS ClientHello.
        using var listener = new TcpListener(IPAddress.Parse("127.0.0.7"), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var check = new CheckDefinition
        {
            Id = "c",
            Kind = CheckKind.Http,
            Http = new HttpCheckDefinition { Tls = true },
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
            Timeout = TimeSpan.FromSeconds(5),
        };

        var observation = await _engine.RunAsync(
            new ProbeTarget("ep-1", "eu-central", IPAddress.Parse("127.0.0.7"), port, HostName, check), CancellationToken.None);

        Assert.Equal(ObservationOutcome.ConnectFailed, observation.Outcome);
        Assert.Equal($"TLS handshake with 127.0.0.7:{port} not complete within 300 ms (connect timeout)", observation.Detail);
        Assert.True(observation.Duration < TimeSpan.FromSeconds(2), observation.Duration.ToString());
    }
}
