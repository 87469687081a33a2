using ControlPlane.Configuration.Cluster;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Webhooks;

namespace ControlPlane.Configuration.Tests;

public class WebhookDefinitionTests
{
    private const string Base = """
        regions: [eu-central]
        datacenters: [{ id: dc1 }]
        webhooks:

        """;

    private static ConfigResult<ClusterDefinition> Parse(string webhooks) =>
        ClusterDefinitionParser.Parse(Base + webhooks, "cluster.yaml", TestZoneFileProviderFactory.Registered);

    [Fact]
    public void Subscriptions_are_read_with_their_format_filter_secret_and_retry_policy()
    {
        var result = Parse("""
              - { id: ops, url: 'https://hooks.example.com/cp', events: [endpoint.*, dns.error], secret: '${env:OPS_SECRET}', deadLetterAfter: 30m, initialBackoff: 200ms }
              - { id: pager, url: 'https://events.pagerduty.com/v2/enqueue', format: pagerduty, routingKey: '${file:/run/secrets/pd}' }
            """);

        Assert.True(result.IsValid, result.ToString());
        var ops = result.Value!.Webhooks[0];
        Assert.Equal(WebhookFormat.Json, ops.Format);
        Assert.Equal(["endpoint.*", "dns.error"], ops.Events);
        Assert.Equal("${env:OPS_SECRET}", ops.Secret!.Text);
        Assert.Equal(TimeSpan.FromMinutes(30), ops.Retry.DeadLetterAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(200), ops.Retry.InitialBackoff);
        Assert.Equal(WebhookRetryPolicy.Default.MaxBackoff, ops.Retry.MaxBackoff);
        Assert.Equal(WebhookFormat.PagerDuty, result.Value.Webhooks[1].Format);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_its_path()
    {
        var result = Parse("""
              - { id: a, url: 'ftp://example.com/x', events: [endpoint.sideways] }
              - { id: b, url: 'https://u:p@example.com/', secret: plain-text-secret }
              - { id: c, url: 'https://example.com/', format: pagerduty }
              - { id: c, url: 'https://example.com/', format: teams, deadLetterAfter: forever }
            """);

        (string Path, string Message)[] expected =
        [
            ("webhooks[0].url", "is not an absolute http or https URL"),
            ("webhooks[0].events[0]", "'endpoint.sideways' is not an event type"),
            ("webhooks[1].url", "must not carry credentials"),
            ("webhooks[1].secret", "must be one reference"),
            ("webhooks[2].routingKey", "is required for format pagerduty"),
            ("webhooks[3].id", "'c'"),
            ("webhooks[3].format", "teams"),
            ("webhooks[3].deadLetterAfter", "forever"),
        ];
        foreach (var (path, message) in expected)
        {
            Assert.True(result.Errors.Any(e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)), $"expected {path}: {message}\nbut got:\n{result}");
        }

        Assert.True(expected.Length == result.Errors.Count, result.ToString());
    }

    [Fact]
    public void An_api_body_is_parsed_with_the_same_rules()
    {
        var ok = WebhookSubscriptionParser.Parse("""{"id": "am", "url": "http://127.0.0.1:9093", "format": "alertmanager"}""", "request body", WebhookSubscription.FromApi);
        Assert.True(ok.IsValid, ok.ToString());
        Assert.Equal(WebhookSubscription.FromApi, ok.Value!.Source);

        var bad = WebhookSubscriptionParser.Parse("""{"id": "am", "url": "nope", "secret": "abc"}""", "request body", WebhookSubscription.FromApi);
        Assert.Equal(["secret", "url"], bad.Errors.Select(e => e.Path).Order());
    }
}
