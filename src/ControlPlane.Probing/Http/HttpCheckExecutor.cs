using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Connections;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing.Http;

/// <summary>Runs HTTP and HTTPS checks: one request, then assertions on certificate, status, body and latency, in that order.</summary>
/// <remarks>
/// The request always goes to the target's address and port (see <see cref="HttpProbeTransport"/>);
/// <see cref="ProbeTarget.HostName"/> becomes the Host header and the TLS server name. The first
/// failed assertion decides the outcome. Latency is measured from the start of the check
/// (connect included) to the end of the headers, or of the body when the body is checked.
/// </remarks>
internal sealed partial class HttpCheckExecutor(
    HttpProbeTransport transport,
    BodyMatcher bodyMatcher,
    TimeProvider timeProvider,
    ILogger<HttpCheckExecutor> logger,
    HttpTransactionRunner transactions) : ICheckExecutor
{
    /// <summary>Request header naming the probing region.</summary>
    public const string RegionHeader = "X-ControlPlane-Region";

    /// <summary>Sent unless the check sets its own.</summary>
    public const string UserAgent = "ControlPlane-HealthCheck/1.0";

    private static readonly HttpCheckDefinition DefaultHttp = new();

    /// <summary>Whether a definition's header values hold secret references, worked out once per definition.</summary>
    private static readonly ConditionalWeakTable<HttpCheckDefinition, StrongBox<bool>> HeadersWithReferences = new();

    public CheckKind Kind => CheckKind.Http;

    public async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var check = target.Check;
        var http = check.Http ?? DefaultHttp;
        if (NeedsTransaction(check, http))
        {
            return await transactions.RunAsync(target, cancellationToken);
        }
        var serverName = http.Tls ? target.HostName ?? target.Address.ToString() : null;
        var route = transport.Routes.GetOrAdd(
            new ConnectionRoute(target.Address, target.Port, http.Tls, serverName, http.ValidateCertificate, check.ConnectTimeout));

        using var request = new HttpRequestMessage(HttpMethod.Parse(http.Method), route.UriFor(http.Path));
        request.Headers.Host = HostHeader(target, http);

        // Says which region probes, so a target's logs (and fault injection in tests) can tell vantage points apart.
        request.Headers.TryAddWithoutValidation(RegionHeader, target.Region);
        if (!http.Headers.Keys.Any(k => k.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (http.Headers.Count > 0)
        {
            AddHeaders(request, http, check.Id);
        }

        request.Headers.ConnectionClose = http.FreshConnection;
        var phases = new ConnectPhases(timeProvider);
        request.Options.Set(ConnectPhases.Key, phases);

        HttpResponseMessage response;
        try
        {
            response = await transport.SendAsync(request, route, http.FreshConnection, cancellationToken);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeConnectException.Find(exception)?.ToResult()
                ?? new CheckResult(ObservationOutcome.Error, $"request to {Endpoint(target)} failed: {DetailText.Cause(exception)}");
        }

        using (response)
        {
            var timings = new PhaseTimings(null, phases.Connect, phases.Tls, timeProvider.GetElapsedTime(phases.ReadyAt != 0 ? phases.ReadyAt : started));
            var status = (int)response.StatusCode;
            var certificateExpiresAt = http.Tls ? route.CertificateExpiresAt : null;
            var failure = CheckCertificateLifetime(http, certificateExpiresAt, status)
                ?? CheckStatus(http, status)
                ?? await CheckBodyAsync(target, http, response, status, cancellationToken)
                ?? CheckLatency(http, timeProvider.GetElapsedTime(started), status);
            if (failure is { } failed)
            {
                return failed with { CertificateExpiresAt = certificateExpiresAt, Phases = timings };
            }

            return new CheckResult(
                ObservationOutcome.Success,
                string.Create(CultureInfo.InvariantCulture, $"status {status} in {DetailText.Milliseconds(timeProvider.GetElapsedTime(started))} ms"),
                status,
                certificateExpiresAt)
            {
                Phases = timings,
            };
        }
    }

    /// <summary>
    /// Conditions, steps, a body, redirects or secrets in headers need the transaction runner; a check
    /// with only the shorthand fields keeps this direct path (same results, fewer allocations).
    /// </summary>
    private static bool NeedsTransaction(CheckDefinition check, HttpCheckDefinition http) =>
        http.Steps.Count > 0 || check.Assertions.Count > 0 || http.Body is not null || http.FollowRedirects
        || (http.Headers.Count > 0 && HeadersWithReferences.GetValue(http, static h => new StrongBox<bool>(h.Headers.Values.Any(v => v.Contains("${", StringComparison.Ordinal)))).Value);

    private CheckResult? CheckCertificateLifetime(HttpCheckDefinition http, DateTimeOffset? expiresAt, int status)
    {
        if (http.CertificateMinDaysValid <= 0 || expiresAt is not { } expiry)
        {
            return null;
        }

        var left = expiry - timeProvider.GetUtcNow();
        if (left >= TimeSpan.FromDays(http.CertificateMinDaysValid))
        {
            return null;
        }

        var days = (long)Math.Floor(left.TotalDays);
        var when = left < TimeSpan.Zero
            ? $"certificate expired {DetailText.Date(expiry)} ({DetailText.Days(days)} ago"
            : $"certificate expires {DetailText.Date(expiry)} (in {DetailText.Days(days)}";
        return new CheckResult(
            ObservationOutcome.CertificateInvalid,
            string.Create(CultureInfo.InvariantCulture, $"{when}, minimum {http.CertificateMinDaysValid})"),
            status);
    }

    private static CheckResult? CheckStatus(HttpCheckDefinition http, int status)
    {
        var expected = http.ExpectedStatus;
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].Contains(status))
            {
                return null;
            }
        }

        return new CheckResult(
            ObservationOutcome.UnexpectedStatus,
            string.Create(CultureInfo.InvariantCulture, $"status {status} not in {DetailText.StatusSet(expected)}"),
            status);
    }

    private async ValueTask<CheckResult?> CheckBodyAsync(
        ProbeTarget target, HttpCheckDefinition http, HttpResponseMessage response, int status, CancellationToken cancellationToken)
    {
        if (!BodyMatcher.HasAssertions(http))
        {
            return null;
        }

        try
        {
            return await bodyMatcher.MatchAsync(response.Content, http, status, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or SocketException
                                          && !cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(
                ObservationOutcome.Error,
                $"reading body from {Endpoint(target)} failed: {DetailText.Cause(exception)}",
                status);
        }
    }

    private static CheckResult? CheckLatency(HttpCheckDefinition http, TimeSpan elapsed, int status) =>
        http.MaxLatency is { } limit && elapsed > limit
            ? new CheckResult(
                ObservationOutcome.TooSlow,
                string.Create(CultureInfo.InvariantCulture, $"took {DetailText.Milliseconds(elapsed)} ms, limit {DetailText.Milliseconds(limit)} ms"),
                status)
            : null;

    private void AddHeaders(HttpRequestMessage request, HttpCheckDefinition http, string checkId)
    {
        foreach (var (name, value) in http.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // Content headers (Content-Type...) cannot go on a request without a body. The value
                // is never logged: it may be a credential.
                Log.HeaderSkipped(logger, checkId, name);
            }
        }
    }

    /// <summary>The Host header: the host name (or address) with the port unless it is the scheme's default.</summary>
    internal static string HostHeader(ProbeTarget target, HttpCheckDefinition http)
    {
        var host = target.HostName
            ?? (target.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target.Address}]" : target.Address.ToString());
        var defaultPort = http.Tls ? 443 : 80;
        return target.Port == defaultPort ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{target.Port}");
    }

    private static string Endpoint(ProbeTarget target) => DetailText.Endpoint(target.Address, target.Port);
}
