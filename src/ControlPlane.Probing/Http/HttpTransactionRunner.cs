using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Assertions;
using ControlPlane.Probing.Connections;
using ControlPlane.Probing.Secrets;

namespace ControlPlane.Probing.Http;

/// <summary>Runs an HTTP check as a transaction: ordered steps sharing a cookie jar and extracted variables, each with its own conditions.</summary>
/// <remarks>
/// A check without <c>steps</c> that uses conditions, a body, secrets or redirects runs here as
/// a one-step transaction whose conditions are its shorthand fields' translation
/// (<see cref="LegacyHttpConditions"/>) followed by its <c>assert</c> list. Every step goes to the
/// endpoint's address and port with the endpoint's Host and server name. A step passes when all
/// its conditions hold (default <c>[STATUS] == 200..399</c>) and every extraction found its value;
/// the first step that does not ends the transaction, and the detail names it and the condition.
/// Redirects are followed only when the check allows it, and only to the same scheme, host and
/// port. Secret values are masked in every detail.
/// </remarks>
internal sealed class HttpTransactionRunner(HttpProbeTransport transport, ProbeEngineOptions options, SecretResolver secrets, TimeProvider timeProvider)
{
    private const int MaxRedirects = 5;
    private static readonly ConditionalWeakTable<CheckDefinition, IReadOnlyList<HttpStepDefinition>> ImplicitSteps = new();
    private static readonly IReadOnlyList<Condition> DefaultConditions = [ConditionParser.Parse("[STATUS] == 200..399", ConditionScope.Http)];

    public async ValueTask<CheckResult> RunAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var check = target.Check;
        var http = check.Http!;
        var steps = http.Steps.Count > 0 ? http.Steps : ImplicitSteps.GetValue(check, ImplicitStep);
        var serverName = http.Tls ? target.HostName ?? target.Address.ToString() : null;
        var route = transport.Routes.GetOrAdd(new ConnectionRoute(target.Address, target.Port, http.Tls, serverName, http.ValidateCertificate, check.ConnectTimeout));
        var run = new TransactionState(target, http, route, HttpCheckExecutor.HostHeader(target, http));
        var started = timeProvider.GetTimestamp();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var stepStarted = timeProvider.GetTimestamp();
            CheckResult result;
            try
            {
                result = await RunStepWithTimeoutAsync(run, step, cancellationToken);
            }
            catch (SecretUnavailableException e)
            {
                result = new CheckResult(ObservationOutcome.Error, e.Message);
            }

            var name = steps.Count == 1 && http.Steps.Count == 0 ? null : StepName(step, i, steps.Count);
            var detail = run.Mask.Apply(result.Detail);
            run.Evidence.Add(new CheckEvidence(step.Name, result.Outcome, detail, timeProvider.GetElapsedTime(stepStarted)));
            if (result.Outcome != ObservationOutcome.Success)
            {
                return result with
                {
                    Detail = name is null ? detail : $"{name}: {detail}",
                    Phases = run.Phases,
                    Evidence = http.Steps.Count == 0 ? null : run.Evidence,
                    CertificateExpiresAt = run.CertificateExpiresAt,
                };
            }

            if (http.Steps.Count == 0)
            {
                return result with { Detail = detail, Phases = run.Phases, CertificateExpiresAt = run.CertificateExpiresAt };
            }
        }

        return new CheckResult(
            ObservationOutcome.Success,
            string.Create(CultureInfo.InvariantCulture, $"{steps.Count} steps passed in {DetailText.Milliseconds(timeProvider.GetElapsedTime(started))} ms"),
            run.LastStatus,
            run.CertificateExpiresAt)
        {
            Phases = run.Phases,
            Evidence = run.Evidence,
        };
    }

    private async ValueTask<CheckResult> RunStepWithTimeoutAsync(TransactionState run, HttpStepDefinition step, CancellationToken cancellationToken)
    {
        if (step.Timeout is not { } timeout)
        {
            return await RunStepAsync(run, step, cancellationToken);
        }

        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var registration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), limit);
        try
        {
            return await RunStepAsync(run, step, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(ObservationOutcome.Timeout, $"no response within {DetailText.Milliseconds(timeout)} ms (step timeout)");
        }
    }

    private async ValueTask<CheckResult> RunStepAsync(TransactionState run, HttpStepDefinition step, CancellationToken cancellationToken)
    {
        var stepStarted = timeProvider.GetTimestamp();
        var method = HttpMethod.Parse(step.Method);
        var path = step.Path.Render(part => Resolve(part, run));
        var body = step.Body?.Render(part => Resolve(part, run));
        var headers = step.Headers.Select(h => (h.Key, Value: h.Value.Render(part => Resolve(part, run)))).ToList();
        for (var hop = 0; ; hop++)
        {
            var logical = new Uri(run.Origin, path);
            using var request = BuildRequest(run, method, logical, headers, body);
            var phases = new ConnectPhases(timeProvider);
            request.Options.Set(ConnectPhases.Key, phases);
            var sent = timeProvider.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await transport.SendAsync(request, run.Route, run.Http.FreshConnection, cancellationToken);
            }
            catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
            {
                return ProbeConnectException.Find(exception)?.ToResult()
                    ?? new CheckResult(ObservationOutcome.Error, $"request to {DetailText.Endpoint(run.Target.Address, run.Target.Port)} failed: {DetailText.Cause(exception)}");
            }

            using (response)
            {
                var headersAt = timeProvider.GetTimestamp();
                run.Record(new PhaseTimings(null, phases.Connect, phases.Tls, timeProvider.GetElapsedTime(phases.ReadyAt != 0 ? phases.ReadyAt : sent, headersAt)));
                run.CertificateExpiresAt = run.Http.Tls ? run.Route.CertificateExpiresAt : null;
                var status = (int)response.StatusCode;
                run.LastStatus = status;
                StoreCookies(run, logical, response);
                if (run.Http.FollowRedirects && IsRedirect(status) && response.Headers.Location is { } location)
                {
                    var next = new Uri(logical, location);
                    if (next.Scheme != logical.Scheme || !string.Equals(next.Authority, logical.Authority, StringComparison.OrdinalIgnoreCase))
                    {
                        return new CheckResult(ObservationOutcome.Error, $"redirect to {next.GetLeftPart(UriPartial.Authority)} refused: only same-host redirects are followed", status);
                    }

                    if (hop + 1 >= MaxRedirects)
                    {
                        return new CheckResult(ObservationOutcome.Error, $"more than {MaxRedirects} redirects", status);
                    }

                    path = next.PathAndQuery;
                    if (status == 303 || (status is 301 or 302 && method == HttpMethod.Post))
                    {
                        (method, body) = (HttpMethod.Get, null);
                    }

                    continue;
                }

                return await CheckResponseAsync(run, step, response, status, stepStarted, cancellationToken);
            }
        }
    }

    private async ValueTask<CheckResult> CheckResponseAsync(
        TransactionState run, HttpStepDefinition step, HttpResponseMessage response, int status, long stepStarted, CancellationToken cancellationToken)
    {
        var conditions = step.Assertions.Count > 0 ? step.Assertions : DefaultConditions;
        var needsBody = conditions.Any(c => c.Uses(PlaceholderKind.Body)) || step.Extract.Any(e => e.Source != ExtractionSource.Header);
        string? text = null;
        if (needsBody)
        {
            try
            {
                text = await ReadBodyAsync(response.Content, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException or SocketException && !cancellationToken.IsCancellationRequested)
            {
                return new CheckResult(ObservationOutcome.Error, $"reading body failed: {DetailText.Cause(exception)}", status);
            }
        }

        using var inputs = new ConditionInputs
        {
            Status = status,
            Body = text,
            Header = name => HeaderValue(response, name),
            ResponseTime = timeProvider.GetElapsedTime(stepStarted),
            CertificateExpiration = run.CertificateExpiresAt is { } expiry ? expiry - timeProvider.GetUtcNow() : null,
            Connected = true,
        };
        if (ConditionChecks.FirstFailure(conditions, inputs) is { } failure)
        {
            return new CheckResult(failure.Outcome, failure.Detail, status);
        }

        foreach (var extraction in step.Extract)
        {
            if (Extract(extraction, inputs, response) is not { } value)
            {
                return new CheckResult(ObservationOutcome.AssertionFailed, $"extract {extraction.Variable}: nothing found by {Describe(extraction)}", status);
            }

            run.Variables[extraction.Variable] = value;
        }

        return new CheckResult(
            ObservationOutcome.Success,
            string.Create(CultureInfo.InvariantCulture, $"status {status} in {DetailText.Milliseconds(timeProvider.GetElapsedTime(stepStarted))} ms"),
            status);
    }

    private static string? Extract(HttpExtraction extraction, ConditionInputs inputs, HttpResponseMessage response)
    {
        switch (extraction.Source)
        {
            case ExtractionSource.Header:
                return HeaderValue(response, extraction.Expression);
            case ExtractionSource.Regex:
                var match = inputs.Body is null ? null : extraction.Pattern!.Match(inputs.Body);
                return match is { Success: true } ? (match.Groups["value"].Success ? match.Groups["value"] : match.Groups[1]).Value : null;
            default:
                if (inputs.JsonRoot() is not JsonElement root || extraction.Pointer!.Value.Evaluate(root) is not { } found)
                {
                    return null;
                }

                return found.ValueKind switch
                {
                    JsonValueKind.String => found.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => found.GetRawText(),
                };
        }
    }

    private static string Describe(HttpExtraction extraction) => extraction.Source switch
    {
        ExtractionSource.Header => $"header '{extraction.Expression}'",
        ExtractionSource.Regex => $"regex '{extraction.Expression}'",
        _ => $"'{extraction.Expression}' in the body",
    };

    private HttpRequestMessage BuildRequest(TransactionState run, HttpMethod method, Uri logical, List<(string Key, string Value)> headers, string? body)
    {
        var request = new HttpRequestMessage(method, run.Route.UriFor(logical.PathAndQuery));
        request.Headers.Host = run.HostHeader;
        request.Headers.ConnectionClose = run.Http.FreshConnection;
        request.Headers.TryAddWithoutValidation(HttpCheckExecutor.RegionHeader, run.Target.Region);
        if (!headers.Any(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", HttpCheckExecutor.UserAgent);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var cookie = run.Cookies.GetCookieHeader(logical);
        if (cookie.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        return request;
    }

    private string Resolve(TemplatePart part, TransactionState run) => part.Kind switch
    {
        TemplatePartKind.Variable => run.Variables.TryGetValue(part.Value, out var value) ? value : string.Empty,
        _ => run.Mask.Add(secrets.Resolve(part)),
    };

    private async ValueTask<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[options.MaxBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static void StoreCookies(TransactionState run, Uri logical, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            try
            {
                run.Cookies.SetCookies(logical, value);
            }
            catch (CookieException)
            {
                // A cookie the jar refuses (another domain, bad syntax) is not sent back, as a browser would.
            }
        }
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private static string StepName(HttpStepDefinition step, int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"step '{step.Name}' ({index + 1} of {count})");

    private static IReadOnlyList<HttpStepDefinition> ImplicitStep(CheckDefinition check)
    {
        var http = check.Http!;
        var headers = http.Headers.ToDictionary(
            h => h.Key,
            h => TemplateText.TryParse(h.Value, out _, out _) ?? TemplateText.Literal(h.Value),
            StringComparer.OrdinalIgnoreCase);
        return
        [
            new HttpStepDefinition
            {
                Name = "request",
                Method = http.Method,
                Path = TemplateText.Literal(http.Path),
                Headers = headers,
                Body = http.Body,
                Assertions = [.. LegacyHttpConditions.For(http), .. check.Assertions],
            },
        ];
    }

    /// <summary>What the steps of one run share.</summary>
    private sealed class TransactionState(ProbeTarget target, HttpCheckDefinition http, ConnectionRouteState route, string hostHeader)
    {
        public ProbeTarget Target { get; } = target;

        public HttpCheckDefinition Http { get; } = http;

        public ConnectionRouteState Route { get; } = route;

        public string HostHeader { get; } = hostHeader;

        /// <summary>The URL a browser would see, for cookies and redirects; requests still go to the route.</summary>
        public Uri Origin { get; } = new($"{(http.Tls ? "https" : "http")}://{hostHeader}/");

        public CookieContainer Cookies { get; } = new();

        public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

        public SecretMask Mask { get; } = new();

        public List<CheckEvidence> Evidence { get; } = [];

        public PhaseTimings? Phases { get; private set; }

        public DateTimeOffset? CertificateExpiresAt { get; set; }

        public int? LastStatus { get; set; }

        public void Record(PhaseTimings phases) => Phases = Phases is { } p ? p.Then(phases) : phases;
    }
}
