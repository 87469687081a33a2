using ControlPlane.Core.Webhooks;

namespace ControlPlane.Api.Webhooks;

/// <summary>A subscription as the API shows it: secrets as their references only, a Slack URL's secret path hidden.</summary>
internal sealed record WebhookView(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string Format,
    bool Signed,
    string? Secret,
    string? RoutingKey,
    WebhookRetryView Retry,
    string Source)
{
    public static WebhookView Of(WebhookSubscription s) => new(s.Id, ShownUrl(s), s.Events, s.Format.ToString().ToLowerInvariant(), s.Secret is not null,
        s.Secret?.Text, s.RoutingKey?.Text, new WebhookRetryView(s.Retry.InitialBackoff, s.Retry.MaxBackoff, s.Retry.DeadLetterAfter, s.Retry.Timeout), s.Source);

    /// <summary>The URL without its query; for Slack without its path either (an incoming webhook's path is its credential).</summary>
    private static string ShownUrl(WebhookSubscription s)
    {
        var url = s.Url.GetLeftPart(UriPartial.Path);
        return s.Format == WebhookFormat.Slack ? s.Url.GetLeftPart(UriPartial.Authority) + "/***" : url;
    }
}

internal sealed record WebhookRetryView(TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan DeadLetterAfter, TimeSpan Timeout);

/// <summary>One delivery as <c>GET /api/v1/webhooks/deliveries</c> lists it.</summary>
internal sealed record WebhookDeliveryView(
    string Id,
    string State,
    string Subscription,
    string Event,
    string Type,
    string Status,
    DateTimeOffset At,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    string? LastResult,
    DateTimeOffset? DeadAt,
    string? DeadReason,
    string Summary)
{
    public static WebhookDeliveryView Of(WebhookDelivery d) => new(d.Id, d.State, d.SubscriptionId, d.Event.Id, d.Event.Type, d.Event.Status.ToString().ToLowerInvariant(),
        d.Event.At, d.CreatedAt, d.Attempts, d.DeadAt is null ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastResult, d.DeadAt, d.DeadReason, d.Event.Summary);
}

/// <summary>An error naming the field it is about (<c>url</c>, <c>events[1]</c>, <c>state</c>).</summary>
internal sealed record FieldError(string Error, string? Field, IReadOnlyList<string> Details);
