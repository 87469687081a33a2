using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ControlPlane.Dns.Route53.Credentials;
using ControlPlane.Dns.Route53.Resilience;
using ControlPlane.Dns.Route53.Signing;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>The three Route 53 operations the provider needs, over REST-XML with SigV4.</summary>
/// <remarks>
/// Every attempt first takes a token from the account's <see cref="TokenBucket"/>, then is signed afresh
/// (new <c>x-amz-date</c>, current credentials) and sent with its own timeout. Failures the
/// <see cref="RetryPolicy"/> calls retryable are retried after a jittered backoff; anything else, or the
/// last failed attempt, becomes a <see cref="Route53RequestException"/>. Ids in responses come back
/// without their <c>/hostedzone/</c> or <c>/change/</c> prefix.
/// </remarks>
internal sealed partial class Route53Client
{
    public const string ApiVersion = "2013-04-01";
    public const string SigningRegion = "us-east-1";
    public const string SigningService = "route53";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _basePath;
    private readonly IAwsCredentialSource _credentials;
    private readonly TokenBucket _bucket;
    private readonly RetryPolicy _retry;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Route53Client(
        HttpClient http,
        Uri endpoint,
        IAwsCredentialSource credentials,
        TokenBucket bucket,
        RetryPolicy retry,
        TimeSpan requestTimeout,
        TimeProvider time,
        ILogger logger)
    {
        _http = http;
        _endpoint = endpoint;
        _basePath = endpoint.AbsolutePath.TrimEnd('/');
        _credentials = credentials;
        _bucket = bucket;
        _retry = retry;
        _requestTimeout = requestTimeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>Submits one change batch (all-or-nothing on Route 53's side).</summary>
    public async Task<ChangeInfo> ChangeResourceRecordSetsAsync(string hostedZoneId, IReadOnlyList<Change> changes, string? comment, CancellationToken cancellationToken)
    {
        var body = Route53Xml.WriteChangeBatch(changes, comment);
        var path = $"/{ApiVersion}/hostedzone/{Route53Ids.HostedZone(hostedZoneId)}/rrset/";
        var document = await SendAsync("ChangeResourceRecordSets", HttpMethod.Post, path, [], body, cancellationToken);
        return Route53Xml.ReadChangeInfo(document);
    }

    /// <summary>One page of record sets, starting at the given name (and type and set identifier).</summary>
    public async Task<RecordSetPage> ListResourceRecordSetsAsync(
        string hostedZoneId, string? startName, string? startType, string? startIdentifier, int? maxItems, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>();
        AddIf(query, "name", startName);
        AddIf(query, "type", startType);
        AddIf(query, "identifier", startIdentifier);
        AddIf(query, "maxitems", maxItems?.ToString(CultureInfo.InvariantCulture));
        var path = $"/{ApiVersion}/hostedzone/{Route53Ids.HostedZone(hostedZoneId)}/rrset";
        var document = await SendAsync("ListResourceRecordSets", HttpMethod.Get, path, query, null, cancellationToken);
        return Route53Xml.ReadRecordSetPage(document);
    }

    public async Task<ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancellationToken)
    {
        var path = $"/{ApiVersion}/change/{Route53Ids.Change(changeId)}";
        var document = await SendAsync("GetChange", HttpMethod.Get, path, [], null, cancellationToken);
        return Route53Xml.ReadChangeInfo(document);
    }

    private async Task<XDocument> SendAsync(
        string operation, HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query, byte[]? body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _bucket.AcquireAsync(cancellationToken);
            string failure;
            Route53Error? error = null;
            Exception? transportFailure = null;
            try
            {
                using var request = await BuildRequestAsync(method, _basePath + path, query, body, cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_requestTimeout);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return ParseSuccess(operation, text);
                }

                error = Route53Xml.ReadError((int)response.StatusCode, text);
                if (!RetryPolicy.IsRetryable(error))
                {
                    throw new Route53RequestException(operation, error, transient: false, $"{operation} refused: {error}");
                }

                failure = error.ToString();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                transportFailure = e;
                failure = e is OperationCanceledException ? $"no response within {_requestTimeout.TotalSeconds:0.#}s" : e.Message;
            }
            catch (CredentialsUnavailableException e)
            {
                throw new Route53RequestException(operation, null, e.Transient, e.Message, e);
            }

            if (attempt >= _retry.MaxAttempts)
            {
                throw new Route53RequestException(operation, error, transient: true,
                    $"{operation} failed after {attempt} attempts: {failure}", transportFailure);
            }

            var delay = _retry.DelayBefore(attempt - 1);
            LogRetrying(_logger, operation, attempt, _retry.MaxAttempts, failure, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(
        HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query, byte[]? body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var host = _endpoint.IsDefaultPort ? _endpoint.IdnHost : $"{_endpoint.IdnHost}:{_endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        var amzDate = SigV4Signer.FormatAmzDate(now);

        var headers = new List<KeyValuePair<string, string>> { new("host", host), new("x-amz-date", amzDate) };
        if (credentials.SessionToken is not null)
        {
            headers.Add(new("x-amz-security-token", credentials.SessionToken));
        }

        var payload = body ?? [];
        var signature = SigV4Signer.Sign(new SigV4Request(method.Method, path, query, headers, payload), credentials, SigningRegion, SigningService, now);

        // The wire path and query are exactly the encoded forms that were signed.
        var queryString = SigV4Signer.CanonicalQuery(query);
        var uri = new Uri($"{_endpoint.Scheme}://{host}{SigV4Signer.CanonicalPath(path)}{(queryString.Length > 0 ? "?" + queryString : string.Empty)}");
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ControlPlane-Route53", "1.0"));
        if (body is not null)
        {
            // Like botocore for rest-xml: no Content-Type. The body hash is part of the signature.
            request.Content = new ByteArrayContent(body);
        }

        return request;
    }

    private static XDocument ParseSuccess(string operation, string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException e)
        {
            throw new Route53RequestException(operation, null, transient: true, $"{operation}: the response is not XML: {e.Message}", e);
        }
    }

    private static void AddIf(List<KeyValuePair<string, string>> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add(new(name, value));
        }
    }
}
