using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Webhooks;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads one webhook subscription: an entry of the definition's <c>webhooks</c>, or the body of <c>POST /api/v1/webhooks</c>.</summary>
/// <remarks>
/// Secrets (<c>secret</c>, PagerDuty's <c>routingKey</c>) must be references (<c>${env:NAME}</c>,
/// <c>${file:/path}</c>) resolved by the delivering silo: a literal would be stored with the
/// definition and shown by the API that returns it.
/// </remarks>
internal static class WebhookReader
{
    private static readonly (string Name, WebhookFormat Value)[] Formats =
    [
        ("json", WebhookFormat.Json), ("slack", WebhookFormat.Slack), ("pagerduty", WebhookFormat.PagerDuty), ("alertmanager", WebhookFormat.Alertmanager),
    ];

    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(10);

    public static WebhookSubscription? Read(YamlValue item, ErrorList errors, IdRegistry ids, string source)
    {
        if (MappingReader.Open(item, errors) is not { } map)
        {
            return null;
        }

        var idField = map.Required("id");
        var id = idField is { } idValue ? ValueReader.Id(idValue, errors) : null;
        ids.Declare(id, idField);
        var url = Url(map, errors);
        var events = Events(map, errors);
        var format = map.Choice("format", Formats) ?? WebhookFormat.Json;
        var secret = Secret(map, "secret", errors);
        var routingKey = Secret(map, "routingKey", errors);
        var retry = Retry(map);
        map.RejectUnknown();
        if (format == WebhookFormat.PagerDuty && routingKey is null && map.Field("routingKey") is null)
        {
            errors.Add(ConfigPath.Field(map.Path, "routingKey"), "is required for format pagerduty (the integration key, as ${env:NAME} or ${file:/path})", map.At);
        }
        else if (format != WebhookFormat.PagerDuty && map.Field("routingKey") is { } extra)
        {
            errors.Add(extra.Path, "is only used by format pagerduty", extra.At);
        }

        return id is null || url is null ? null : new WebhookSubscription(id, url, events, format, secret, retry, routingKey, source);
    }

    private static Uri? Url(MappingReader map, ErrorList errors)
    {
        if (map.Required("url") is not { } field || ValueReader.NonEmptyText(field, errors) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(field.Path, $"{YamlText.Quote(text)} is not an absolute http or https URL", field.At);
            return null;
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add(field.Path, "must not carry credentials (user:password@); sign requests with secret instead", field.At);
            return null;
        }

        return url;
    }

    private static List<string> Events(MappingReader map, ErrorList errors)
    {
        var events = new List<string>();
        foreach (var item in map.List("events") ?? [])
        {
            if (ValueReader.NonEmptyText(item, errors) is not { } entry)
            {
                continue;
            }

            if (!WebhookEventTypes.IsValidFilter(entry))
            {
                errors.Add(item.Path, $"{YamlText.Quote(entry)} is not an event type, a family such as 'endpoint.*', or '*' (types: {YamlText.List(WebhookEventTypes.All, 30)})", item.At);
                continue;
            }

            events.Add(entry);
        }

        return events;
    }

    private static TemplateText? Secret(MappingReader map, string name, ErrorList errors)
    {
        if (map.Field(name) is not { } field || ConditionReader.Template(field, errors) is not { } template)
        {
            return null;
        }

        if (template.Parts.Count != 1 || template.Parts[0].Kind is not (TemplatePartKind.Environment or TemplatePartKind.File))
        {
            errors.Add(field.Path, "must be one reference, ${env:NAME} or ${file:/path}: a literal secret would be stored with the definition and shown by the API", field.At);
            return null;
        }

        return template;
    }

    private static WebhookRetryPolicy Retry(MappingReader map)
    {
        var defaults = WebhookRetryPolicy.Default;
        var initial = map.Duration("initialBackoff", Shortest, TimeSpan.FromHours(1)) ?? defaults.InitialBackoff;
        var max = map.Duration("maxBackoff", Shortest, TimeSpan.FromDays(1)) ?? defaults.MaxBackoff;
        var deadLetter = map.Duration("deadLetterAfter", Shortest, TimeSpan.FromDays(7)) ?? defaults.DeadLetterAfter;
        var timeout = map.Duration("timeout", Shortest, TimeSpan.FromMinutes(5)) ?? defaults.Timeout;
        if (max < initial && map.Field("maxBackoff") is { } field)
        {
            map.Errors.Add(field.Path, $"must be at least initialBackoff ({initial})", field.At);
        }

        return new WebhookRetryPolicy(initial, Max(initial, max), deadLetter, timeout);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
