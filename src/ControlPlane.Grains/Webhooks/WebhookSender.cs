using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Webhooks;
using ControlPlane.Probing.Secrets;

namespace ControlPlane.Grains.Webhooks;

/// <summary>Sends one delivery attempt: renders the body, signs it and posts it, and reports what came back.</summary>
/// <remarks>
/// Headers: <c>Idempotency-Key</c> and <c>X-ControlPlane-Delivery</c> (the delivery id, the same on
/// every attempt), <c>X-ControlPlane-Event</c> (the event type), and when the subscription has a
/// secret <see cref="WebhookSignature.TimestampHeader"/> and <see cref="WebhookSignature.SignatureHeader"/>.
/// Redirects are not followed. Secrets are resolved here, on the delivering silo, and never leave
/// this method except inside the HMAC and PagerDuty's routing key.
/// </remarks>
public sealed class WebhookSender : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string DeliveryHeader = "X-ControlPlane-Delivery";
    public const string EventHeader = "X-ControlPlane-Event";

    private readonly HttpClient _http;
    private readonly SecretResolver _secrets;
    private readonly TimeProvider _time;

    public WebhookSender(TimeProvider time)
    {
        _time = time;
        _secrets = new SecretResolver(time);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1), UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ControlPlane-Webhooks", "1"));
    }

    public async Task<DeliveryAttemptResult> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        string body;
        string? secret;
        try
        {
            secret = subscription.Secret is { } reference ? Resolve(reference) : null;
            body = WebhookPayloads.Render(delivery.Event, subscription.Format, subscription.RoutingKey is { } key ? Resolve(key) : null);
        }
        catch (SecretUnavailableException e)
        {
            return DeliveryAttemptResult.Failed(e.Message);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPayloads.Target(subscription))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyHeader, delivery.Id);
        request.Headers.Add(DeliveryHeader, delivery.Id);
        request.Headers.Add(EventHeader, delivery.Event.Type);
        if (secret is not null)
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(subscription.Retry.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return DeliveryAttemptResult.Status((int)response.StatusCode, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryAttemptResult.Failed($"no answer within {subscription.Retry.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return DeliveryAttemptResult.Failed(e.HttpRequestError == HttpRequestError.Unknown ? "request failed" : Describe(e.HttpRequestError));
        }
    }

    public void Dispose() => _http.Dispose();

    private string Resolve(TemplateText reference) => reference.Render(part => part.Kind == TemplatePartKind.Literal ? part.Value : _secrets.Resolve(part));

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retry)
        {
            return null;
        }

        return retry.Delta ?? (retry.Date is { } date ? date - _time.GetUtcNow() : null);
    }

    /// <summary>The transport error in words, without the URL (a Slack webhook URL is itself a secret).</summary>
    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.NameResolutionError => "name not resolved",
        HttpRequestError.SecureConnectionError => "TLS failed",
        HttpRequestError.ResponseEnded => "connection closed before a response",
        _ => error.ToString(),
    };
}
