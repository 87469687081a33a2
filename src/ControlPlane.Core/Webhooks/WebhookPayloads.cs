using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ControlPlane.Core.Webhooks;

/// <summary>Renders an event in a subscription's format: the URL to post to and the JSON body.</summary>
/// <remarks>
/// Alertmanager has no "open until resolved" alert: an alert without <c>endsAt</c> expires after its
/// <c>resolve_timeout</c> unless re-sent. ControlPlane sends each alert once, so a firing alert carries
/// <c>endsAt</c> = start + <see cref="AlertmanagerHoldOpen"/>, and its resolve the same labels with
/// <c>endsAt</c> = the resolve time (which ends it at once).
/// </remarks>
public static class WebhookPayloads
{
    /// <summary>The <c>version</c> of the generic JSON schema (docs/webhooks.md). Bumped only by an incompatible change.</summary>
    public const int JsonVersion = 1;

    /// <summary>How long a firing Alertmanager alert stays open when no resolve arrives.</summary>
    public static readonly TimeSpan AlertmanagerHoldOpen = TimeSpan.FromDays(7);

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Where the request goes: the subscription's URL, with <c>/api/v2/alerts</c> added for Alertmanager unless already there.</summary>
    public static Uri Target(WebhookSubscription subscription)
    {
        if (subscription.Format != WebhookFormat.Alertmanager || subscription.Url.AbsolutePath.EndsWith("/api/v2/alerts", StringComparison.Ordinal))
        {
            return subscription.Url;
        }

        var builder = new UriBuilder(subscription.Url);
        builder.Path = builder.Path.TrimEnd('/') + "/api/v2/alerts";
        return builder.Uri;
    }

    /// <summary>The JSON body of <paramref name="e"/> in <paramref name="format"/>; <paramref name="routingKey"/> is PagerDuty's integration key.</summary>
    public static string Render(WebhookEvent e, WebhookFormat format, string? routingKey = null) => ((JsonNode)(format switch
    {
        WebhookFormat.Json => (JsonNode)Json(e),
        WebhookFormat.Slack => Slack(e),
        WebhookFormat.PagerDuty => PagerDuty(e, routingKey ?? string.Empty),
        WebhookFormat.Alertmanager => Alertmanager(e),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown webhook format"),
    })).ToJsonString(Compact);

    private static JsonObject Json(WebhookEvent e) => new()
    {
        ["version"] = JsonVersion,
        ["id"] = e.Id,
        ["type"] = e.Type,
        ["status"] = Lower(e.Status),
        ["incident"] = e.Incident,
        ["at"] = Time(e.At),
        ["service"] = NullIfEmpty(e.ServiceId),
        ["endpoint"] = e.EndpointId,
        ["subject"] = e.Subject,
        ["summary"] = e.Summary,
        ["details"] = Details(e),
    };

    private static JsonObject Slack(WebhookEvent e)
    {
        var mark = e.Status switch
        {
            WebhookEventStatus.Firing => ":red_circle:",
            WebhookEventStatus.Resolved => ":large_green_circle:",
            _ => ":information_source:",
        };
        return new JsonObject
        {
            ["text"] = $"{mark} *{e.Type}* `{e.Subject}`: {e.Summary}",
        };
    }

    private static JsonObject PagerDuty(WebhookEvent e, string routingKey)
    {
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = e.Status == WebhookEventStatus.Resolved ? "resolve" : "trigger",
            ["dedup_key"] = DedupKey(e),
        };
        if (e.Status != WebhookEventStatus.Resolved)
        {
            body["payload"] = new JsonObject
            {
                ["summary"] = Truncate(e.Summary, 1024),
                ["source"] = e.Subject,
                ["severity"] = e.Status == WebhookEventStatus.Firing ? Severity(e.Type) : "info",
                ["timestamp"] = Time(e.At),
                ["component"] = NullIfEmpty(e.ServiceId),
                ["group"] = NullIfEmpty(e.ServiceId),
                ["class"] = e.Type,
                ["custom_details"] = Details(e),
            };
        }

        return body;
    }

    private static JsonArray Alertmanager(WebhookEvent e)
    {
        var labels = new JsonObject
        {
            ["alertname"] = AlertName(e.Incident),
            ["service"] = NullIfEmpty(e.ServiceId) ?? e.Subject,
            ["subject"] = e.Subject,
            ["source"] = "controlplane",
        };
        if (e.EndpointId is { } endpoint)
        {
            labels["endpoint"] = endpoint;
        }

        if (e.Status == WebhookEventStatus.Info)
        {
            labels["event"] = e.Id; // an info event is its own short alert, never merged with another
        }

        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["summary"] = e.Summary, ["type"] = e.Type, ["event"] = e.Id },
        };
        if (e.Status == WebhookEventStatus.Resolved)
        {
            alert["endsAt"] = Time(e.At);
        }
        else
        {
            alert["startsAt"] = Time(e.At);
            alert["endsAt"] = Time(e.Status == WebhookEventStatus.Firing ? e.At + AlertmanagerHoldOpen : e.At + TimeSpan.FromMinutes(5));
        }

        return [alert];
    }

    /// <summary>PagerDuty's dedup key: the incident for problems (so the resolve closes the trigger), the event itself for information.</summary>
    public static string DedupKey(WebhookEvent e) => $"controlplane/{(e.Status == WebhookEventStatus.Info ? e.Id : e.Incident)}";

    private static string AlertName(string incident)
    {
        var family = incident.Split(':', 2)[0];
        return "ControlPlane" + string.Concat(family.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static string Severity(string type) => type switch
    {
        WebhookEventTypes.EndpointDown or WebhookEventTypes.FailOpen or WebhookEventTypes.DnsError => "critical",
        WebhookEventTypes.QuorumLost => "error",
        WebhookEventTypes.EndpointDamped => "warning",
        _ => "info",
    };

    private static JsonObject Details(WebhookEvent e)
    {
        var details = new JsonObject();
        foreach (var (key, value) in e.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            details[key] = value;
        }

        return details;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Lower(WebhookEventStatus status) => status.ToString().ToLowerInvariant();

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
