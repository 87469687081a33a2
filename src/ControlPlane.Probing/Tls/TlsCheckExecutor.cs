using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Assertions;
using ControlPlane.Probing.Connections;

namespace ControlPlane.Probing.Tls;

/// <summary>Runs TLS checks: a handshake only, then the certificate's chain, name, protocol and remaining lifetime.</summary>
/// <remarks>
/// The chain is checked against the system roots, or only against the roots of the check's CA
/// bundle (a PEM file on the probing silo, re-read at most every minute). Protocols below the
/// minimum are not offered, so a server that only speaks them fails the handshake. A
/// certificate expiring within <c>failBefore</c> fails; within <c>warnBefore</c> it passes with
/// a warning. Nothing is sent after the handshake.
/// </remarks>
internal sealed class TlsCheckExecutor(TargetConnector connector, TimeProvider timeProvider) : ICheckExecutor
{
    private static readonly TimeSpan BundleCacheTime = TimeSpan.FromMinutes(1);
    private static readonly TlsCheckDefinition Defaults = new();
    private readonly ConcurrentDictionary<string, (X509Certificate2Collection Roots, DateTimeOffset ReadAt)> _bundles = new(StringComparer.Ordinal);

    public CheckKind Kind => CheckKind.Tls;

    public async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var check = target.Check;
        var tls = check.Tls ?? Defaults;
        var serverName = tls.ServerName ?? target.HostName ?? target.Address.ToString();
        var endpoint = DetailText.Endpoint(target.Address, target.Port);
        X509ChainPolicy? policy = null;
        if (tls.CaBundle is { } bundle)
        {
            if (LoadBundle(bundle) is not { } roots)
            {
                return new CheckResult(ObservationOutcome.Error, $"CA bundle {bundle} cannot be read as PEM certificates on this silo");
            }

            policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(roots);
        }

        var phases = new ConnectPhases(timeProvider);
        Socket socket;
        try
        {
            socket = await connector.ConnectAsync(target.Address, target.Port, check.ConnectTimeout, cancellationToken, phases);
        }
        catch (ProbeConnectException e)
        {
            return e.ToResult();
        }

        var observer = new TlsHandshakeObserver(serverName, tls.ValidateCertificate);
        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        using var limit = new CancellationTokenSource(check.ConnectTimeout, timeProvider);
        using var registration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), limit);
        try
        {
            await stream.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = serverName,
                    EnabledSslProtocols = tls.MinVersion == "1.3" ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    CertificateChainPolicy = policy,
                    RemoteCertificateValidationCallback = observer.Validate,
                },
                limit.Token);
            phases.Handshaken();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(ObservationOutcome.ConnectFailed, $"TLS handshake with {endpoint} not complete within {DetailText.Milliseconds(check.ConnectTimeout)} ms (connect timeout)", null, observer.ExpiresAt);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return observer.Rejection is { } rejection
                ? new CheckResult(ObservationOutcome.CertificateInvalid, rejection, null, observer.ExpiresAt)
                : new CheckResult(ObservationOutcome.Error, $"TLS handshake with {endpoint} failed (minimum TLS {tls.MinVersion}): {DetailText.Cause(e)}", null, observer.ExpiresAt);
        }

        var timings = new PhaseTimings(null, phases.Connect, phases.Tls, null);
        var version = stream.SslProtocol == SslProtocols.Tls13 ? "1.3" : stream.SslProtocol == SslProtocols.Tls12 ? "1.2" : stream.SslProtocol.ToString();
        var expiresAt = observer.ExpiresAt;
        var left = expiresAt is { } at ? at - timeProvider.GetUtcNow() : (TimeSpan?)null;
        if (left is { } remaining && remaining < tls.FailBefore)
        {
            return new CheckResult(ObservationOutcome.CertificateInvalid, $"certificate expires {DetailText.Date(expiresAt!.Value)} ({Days(remaining)} left, failing below {Days(tls.FailBefore)})", null, expiresAt) { Phases = timings };
        }

        using var inputs = new ConditionInputs
        {
            Connected = true,
            ResponseTime = timeProvider.GetElapsedTime(started),
            CertificateExpiration = left,
            TlsVersion = version,
        };
        if (ConditionChecks.FirstFailure(check.Assertions, inputs) is { } failure)
        {
            return new CheckResult(failure.Outcome, failure.Detail, null, expiresAt) { Phases = timings };
        }

        var warning = left is { } l && l < tls.WarnBefore
            ? $"certificate expires {DetailText.Date(expiresAt!.Value)} ({Days(l)} left, warning below {Days(tls.WarnBefore)})"
            : null;
        var detail = string.Create(CultureInfo.InvariantCulture, $"TLS {version} with {endpoint} in {DetailText.Milliseconds(timeProvider.GetElapsedTime(started))} ms");
        return new CheckResult(ObservationOutcome.Success, expiresAt is { } e2 ? $"{detail}, certificate expires {DetailText.Date(e2)}" : detail, null, expiresAt)
        {
            Phases = timings,
            Warning = warning,
        };
    }

    private static string Days(TimeSpan span) => DetailText.Days((long)Math.Floor(span.TotalDays));

    private X509Certificate2Collection? LoadBundle(string path)
    {
        var now = timeProvider.GetUtcNow();
        if (_bundles.TryGetValue(path, out var cached) && now - cached.ReadAt < BundleCacheTime)
        {
            return cached.Roots;
        }

        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            if (roots.Count == 0)
            {
                return null;
            }

            _bundles[path] = (roots, now);
            return roots;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
