namespace ControlPlane.Core.Webhooks;

/// <summary>Whether an event opens a problem, closes one, or only informs.</summary>
public enum WebhookEventStatus
{
    /// <summary>A problem began (endpoint down, quorum lost, fail-open, DNS errors, a drain or maintenance).</summary>
    Firing,

    /// <summary>The problem of the same <see cref="WebhookEvent.Incident"/> ended.</summary>
    Resolved,

    /// <summary>Something happened that opens nothing (a failover applied, a refused drain, a test).</summary>
    Info,
}
