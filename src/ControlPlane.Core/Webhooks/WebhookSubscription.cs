using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Webhooks;

/// <summary>Where events go and how: a receiver URL, which events, the body format, the signing secret and the retry policy.</summary>
/// <param name="Id">Names the subscription in metrics, deliveries and the API.</param>
/// <param name="Events">Filter entries (<see cref="WebhookEventTypes.Matches"/>); empty: every event.</param>
/// <param name="Secret">A reference (<c>${env:NAME}</c> or <c>${file:/path}</c>) resolved by the delivering silo; null: requests are not signed.</param>
/// <param name="RoutingKey">PagerDuty's integration key, a reference like <paramref name="Secret"/>; only for <see cref="WebhookFormat.PagerDuty"/>.</param>
/// <param name="Source"><c>definition</c> (cluster definition) or <c>api</c> (created through the API).</param>
public sealed record WebhookSubscription(
    string Id,
    Uri Url,
    IReadOnlyList<string> Events,
    WebhookFormat Format,
    TemplateText? Secret,
    WebhookRetryPolicy Retry,
    TemplateText? RoutingKey = null,
    string Source = WebhookSubscription.FromDefinition)
{
    public const string FromDefinition = "definition";
    public const string FromApi = "api";

    /// <summary>True when this subscription wants events of <paramref name="type"/>.</summary>
    public bool Wants(string type) => WebhookEventTypes.Matches(Events, type);
}
