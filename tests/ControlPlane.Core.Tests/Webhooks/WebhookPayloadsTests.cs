using System.Text.Json;
using ControlPlane.Core.Model;
using ControlPlane.Core.Webhooks;
using Xunit;

namespace ControlPlane.Core.Tests.Webhooks;

public sealed class WebhookPayloadsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static WebhookEvent Down => WebhookEventMapper.FromDecision(Decision("web-1/3", DecisionKind.HealthChanged, EndpointHealth.Healthy, EndpointHealth.Unhealthy, T0))!;

    private static WebhookEvent Up => WebhookEventMapper.FromDecision(Decision("web-1/4", DecisionKind.HealthChanged, EndpointHealth.Unhealthy, EndpointHealth.Healthy, T0.AddMinutes(3)))!;

    [Fact]
    public void Generic_json_carries_the_schema_version_and_the_incident()
    {
        var body = JsonDocument.Parse(WebhookPayloads.Render(Down, WebhookFormat.Json)).RootElement;
        Assert.Equal(WebhookPayloads.JsonVersion, body.GetProperty("version").GetInt32());
        Assert.Equal("endpoint.down", body.GetProperty("type").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("endpoint-down:web-1", body.GetProperty("incident").GetString());
        Assert.Equal("web", body.GetProperty("service").GetString());
        Assert.Equal("web-1", body.GetProperty("endpoint").GetString());
        Assert.Equal("2026-12-03T12:00:00.000Z", body.GetProperty("at").GetString());
        Assert.Equal("web-1/3", body.GetProperty("details").GetProperty("decision").GetString());
    }

    [Fact]
    public void PagerDuty_trigger_and_resolve_share_the_dedup_key()
    {
        var trigger = JsonDocument.Parse(WebhookPayloads.Render(Down, WebhookFormat.PagerDuty, "R0UTING")).RootElement;
        var resolve = JsonDocument.Parse(WebhookPayloads.Render(Up, WebhookFormat.PagerDuty, "R0UTING")).RootElement;
        Assert.Equal("trigger", trigger.GetProperty("event_action").GetString());
        Assert.Equal("resolve", resolve.GetProperty("event_action").GetString());
        Assert.Equal("R0UTING", trigger.GetProperty("routing_key").GetString());
        Assert.Equal(trigger.GetProperty("dedup_key").GetString(), resolve.GetProperty("dedup_key").GetString());
        Assert.Equal("controlplane/endpoint-down:web-1", resolve.GetProperty("dedup_key").GetString());
        Assert.Equal("critical", trigger.GetProperty("payload").GetProperty("severity").GetString());
        Assert.Equal("web-1", trigger.GetProperty("payload").GetProperty("source").GetString());
        Assert.False(resolve.TryGetProperty("payload", out _));
    }

    [Fact]
    public void Alertmanager_resolve_has_the_same_labels_and_ends_the_alert()
    {
        var firing = JsonDocument.Parse(WebhookPayloads.Render(Down, WebhookFormat.Alertmanager)).RootElement[0];
        var resolved = JsonDocument.Parse(WebhookPayloads.Render(Up, WebhookFormat.Alertmanager)).RootElement[0];
        Assert.Equal(firing.GetProperty("labels").GetRawText(), resolved.GetProperty("labels").GetRawText());
        Assert.Equal("ControlPlaneEndpointDown", firing.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("2026-12-03T12:00:00.000Z", firing.GetProperty("startsAt").GetString());
        Assert.Equal("2026-12-10T12:00:00.000Z", firing.GetProperty("endsAt").GetString());
        Assert.Equal("2026-12-03T12:03:00.000Z", resolved.GetProperty("endsAt").GetString());
    }

    [Fact]
    public void Alertmanager_url_gets_the_alerts_path_once()
    {
        var subscription = new WebhookSubscription("am", new Uri("http://127.0.0.1:9093/"), [], WebhookFormat.Alertmanager, null, WebhookRetryPolicy.Default);
        Assert.Equal("http://127.0.0.1:9093/api/v2/alerts", WebhookPayloads.Target(subscription).ToString());
        Assert.Equal("http://127.0.0.1:9093/api/v2/alerts", WebhookPayloads.Target(subscription with { Url = new Uri("http://127.0.0.1:9093/api/v2/alerts") }).ToString());
    }

    [Fact]
    public void Slack_gets_a_text_message()
    {
        var body = JsonDocument.Parse(WebhookPayloads.Render(Down, WebhookFormat.Slack)).RootElement;
        Assert.StartsWith(":red_circle: *endpoint.down* `web-1`", body.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QuorumLost", "quorum.lost", WebhookEventStatus.Firing)]
    [InlineData("QuorumRestored", "quorum.regained", WebhookEventStatus.Resolved)]
    [InlineData("Drained", "drain.drained", WebhookEventStatus.Firing)]
    [InlineData("Restored", "drain.restored", WebhookEventStatus.Resolved)]
    public void Decisions_map_to_events(string kind, string type, WebhookEventStatus status)
    {
        var e = WebhookEventMapper.FromDecision(Decision("web-1/9", Enum.Parse<DecisionKind>(kind), EndpointHealth.Healthy, EndpointHealth.Healthy, T0))!;
        Assert.Equal(type, e.Type);
        Assert.Equal(status, e.Status);
        Assert.Equal("decision:web-1/9", e.Id);
    }

    [Fact]
    public void Start_up_health_from_unknown_raises_no_event()
    {
        Assert.Null(WebhookEventMapper.FromDecision(Decision("web-1/1", DecisionKind.HealthChanged, EndpointHealth.Unknown, EndpointHealth.Healthy, T0)));
    }

    [Fact]
    public void Fail_open_fires_and_resolves_on_one_incident()
    {
        var open = new DnsChange("web/2", "web", "zone", "web.example.test.", T0, ["10.0.0.1"], ["10.0.0.1", "10.0.0.2"], "fail open", true, null, T0);
        var closed = open with { Id = "web/3", FailedOpen = false };
        var opened = WebhookEventMapper.FromDnsChange(open, wasFailedOpen: false);
        var ended = WebhookEventMapper.FromDnsChange(closed, wasFailedOpen: true);
        Assert.Equal(["failover.applied", "failopen.started"], opened.Select(e => e.Type));
        Assert.Equal(["failover.applied", "failopen.ended"], ended.Select(e => e.Type));
        Assert.Equal(opened[1].Incident, ended[1].Incident);
        Assert.Single(WebhookEventMapper.FromDnsChange(closed, wasFailedOpen: false));
    }

    [Theory]
    [InlineData("endpoint.down", "endpoint.down", true)]
    [InlineData("endpoint.*", "endpoint.up", true)]
    [InlineData("drain.*", "endpoint.up", false)]
    [InlineData("*", "dns.error", true)]
    public void Filters_select_types_and_families(string filter, string type, bool selected)
    {
        Assert.Equal(selected, WebhookEventTypes.Matches([filter], type));
        Assert.True(WebhookEventTypes.IsValidFilter(filter));
        Assert.False(WebhookEventTypes.IsValidFilter("endpoint.sideways"));
    }

    private static Decision Decision(string id, DecisionKind kind, EndpointHealth from, EndpointHealth to, DateTimeOffset at) =>
        new(id, kind, "web", "web-1", at, from, to, "2 of 3 regions see it down", null);
}
