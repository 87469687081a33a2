namespace ControlPlane.Core.Webhooks;

/// <summary>One event sent to webhook subscriptions, derived from a decision or a DNS change.</summary>
/// <param name="Id">Deterministic from its source (<c>decision:web-1/7</c>), so a replayed write never makes two.</param>
/// <param name="Type">Dotted name, e.g. <c>endpoint.down</c> (<see cref="WebhookEventTypes"/>).</param>
/// <param name="Incident">Shared by a problem's firing and resolved events: PagerDuty's <c>dedup_key</c>, Alertmanager's labels.</param>
/// <param name="Subject">What the event is about: the endpoint, or the service for service events.</param>
/// <param name="Details">Plain facts for receivers (from, to, addresses, error), no secrets.</param>
public sealed record WebhookEvent(
    string Id,
    string Type,
    WebhookEventStatus Status,
    string Incident,
    string ServiceId,
    string? EndpointId,
    string Subject,
    DateTimeOffset At,
    string Summary,
    IReadOnlyDictionary<string, string> Details);
