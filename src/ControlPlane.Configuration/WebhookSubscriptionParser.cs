using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Webhooks;

namespace ControlPlane.Configuration;

/// <summary>Parses one webhook subscription on its own (a JSON or YAML mapping): the body of <c>POST /api/v1/webhooks</c>.</summary>
/// <remarks>Same fields and rules as an entry of the definition's <c>webhooks</c>; errors name the field (<c>url</c>, <c>events[1]</c>).</remarks>
public static class WebhookSubscriptionParser
{
    public static ConfigResult<WebhookSubscription> Parse(string text, string sourceName, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = new ConfigDocument(sourceName, text);
        var errors = new ErrorList(sourceName);
        WebhookSubscription? subscription = null;
        if (YamlDocumentLoader.Load(text, errors) is { } root)
        {
            subscription = WebhookReader.Read(new YamlValue(string.Empty, root, root.Start), errors, new IdRegistry("webhook", errors), source);
        }

        if (subscription is null && errors.Count == 0)
        {
            errors.Add(string.Empty, "expected a mapping with id and url", null);
        }

        return errors.Count == 0 && subscription is not null
            ? ConfigResult<WebhookSubscription>.Success(subscription, document)
            : ConfigResult<WebhookSubscription>.Failure(errors.ToSortedList(), document);
    }
}
