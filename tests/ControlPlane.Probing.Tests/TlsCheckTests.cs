using System.Security.Cryptography.X509Certificates;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Tests;

public sealed class TlsCheckTests : IDisposable
{
    private const string HostName = "tls.example.test";

    private static readonly X509Certificate2 Certificate = TestCertificates.SelfSigned(HostName, DateTimeOffset.UtcNow.AddDays(90));

    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();
    private readonly string _bundle = Path.Combine(Path.GetTempPath(), $"cp-ca-{Guid.NewGuid():N}.pem");

    public TlsCheckTests() => File.WriteAllText(_bundle, Certificate.ExportCertificatePem());

    public void Dispose()
    {
        _engine.Dispose();
        File.Delete(_bundle);
    }

    private static CheckDefinition Tls(TlsCheckDefinition tls, params string[] assertions) => new()
    {
        Id = "tls",
        Kind = CheckKind.Tls,
        Tls = tls,
        Assertions = Checks.Conditions(ConditionScope.Tls, assertions),
    };

    [Fact]
    public async Task A_certificate_signed_by_the_configured_bundle_passes_and_nothing_is_requested()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200), Certificate);

        var observation = await _engine.RunAsync(
            Checks.For(target, Tls(new TlsCheckDefinition { CaBundle = _bundle, MinVersion = "1.3" }, "[TLS_VERSION] == \"1.3\"", "[CERTIFICATE_EXPIRATION] > 72h"), HostName),
            CancellationToken.None);

        Assert.True(observation.IsSuccess, observation.Detail);
        Assert.StartsWith($"TLS 1.3 with 127.0.0.8:{target.Port} in ", observation.Detail, StringComparison.Ordinal);
        Assert.Equal([HostName], target.ServerNames);
        Assert.Empty(target.HostHeaders);
        Assert.NotNull(observation.Phases!.Tls);
        Assert.NotNull(observation.Phases.Connect);
        Assert.Null(observation.Warning);
    }

    [Fact]
    public async Task Without_the_bundle_the_system_roots_reject_it()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200), Certificate);

        var observation = await _engine.RunAsync(Checks.For(target, Tls(new TlsCheckDefinition()), HostName), CancellationToken.None);

        Assert.Equal(ObservationOutcome.CertificateInvalid, observation.Outcome);
        Assert.Contains("chain not trusted", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_server_name_is_rejected()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200), Certificate);

        var observation = await _engine.RunAsync(
            Checks.For(target, Tls(new TlsCheckDefinition { CaBundle = _bundle, ServerName = "other.example.test" }), HostName), CancellationToken.None);

        Assert.Equal(ObservationOutcome.CertificateInvalid, observation.Outcome);
        Assert.Contains("name does not match 'other.example.test'", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expiry_within_warn_before_passes_with_a_warning_and_within_fail_before_fails()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200), Certificate);

        var warned = await _engine.RunAsync(
            Checks.For(target, Tls(new TlsCheckDefinition { CaBundle = _bundle, WarnBefore = TimeSpan.FromDays(120) }), HostName), CancellationToken.None);
        var failed = await _engine.RunAsync(
            Checks.For(target, Tls(new TlsCheckDefinition { CaBundle = _bundle, WarnBefore = TimeSpan.FromDays(200), FailBefore = TimeSpan.FromDays(120) }), HostName),
            CancellationToken.None);

        Assert.True(warned.IsSuccess, warned.Detail);
        Assert.Matches(@"^certificate expires \d{4}-\d\d-\d\d \(8\d days left, warning below 120 days\)$", warned.Warning);
        Assert.Equal(ObservationOutcome.CertificateInvalid, failed.Outcome);
        Assert.Matches(@"\(8\d days left, failing below 120 days\)$", failed.Detail);
    }

    [Fact]
    public async Task A_missing_bundle_is_an_error_naming_the_file()
    {
        await using var target = await TestTarget.StartAsync("127.0.0.8", TestTarget.Respond(200), Certificate);

        var observation = await _engine.RunAsync(
            Checks.For(target, Tls(new TlsCheckDefinition { CaBundle = "/nonexistent/ca.pem" }), HostName), CancellationToken.None);

        Assert.Equal("CA bundle /nonexistent/ca.pem cannot be read as PEM certificates on this silo", observation.Detail);
    }
}
