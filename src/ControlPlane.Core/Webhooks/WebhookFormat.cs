namespace ControlPlane.Core.Webhooks;

/// <summary>The body a subscription's receiver expects (docs/webhooks.md shows each).</summary>
public enum WebhookFormat
{
    /// <summary>ControlPlane's own JSON event, schema version <see cref="WebhookPayloads.JsonVersion"/>.</summary>
    Json,

    /// <summary>A Slack incoming webhook message (<c>{"text": ...}</c>).</summary>
    Slack,

    /// <summary>PagerDuty Events API v2: trigger and resolve with a stable <c>dedup_key</c>.</summary>
    PagerDuty,

    /// <summary>Alertmanager's <c>POST /api/v2/alerts</c>: a firing alert without end, resolved by <c>endsAt</c>.</summary>
    Alertmanager,
}
