using System.Globalization;
using ControlPlane.Core.Model;

namespace ControlPlane.Core.Webhooks;

/// <summary>Turns decisions and DNS changes into webhook events; every problem has its resolve event on the same incident.</summary>
/// <remarks>
/// Decision kinds are matched by name, so kinds added by other parts (drains, maintenance, damping)
/// map as soon as they exist. A health change from or to <c>unknown</c> (start-up) is not an event:
/// receivers hear of an endpoint going down and coming back, not of the control plane learning it.
/// </remarks>
public static class WebhookEventMapper
{
    /// <summary>The event a decision raises, or null when it raises none.</summary>
    public static WebhookEvent? FromDecision(Decision decision)
    {
        if (decision.Muted && decision.Kind is not (DecisionKind.MaintenanceStarted or DecisionKind.MaintenanceEnded))
        {
            return null; // taken inside a maintenance window in mute mode: recorded, not alerted on
        }

        var (type, status, incident) = Classify(decision);
        if (type is null)
        {
            return null;
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["decision"] = decision.Id,
            ["kind"] = decision.Kind.ToString(),
            ["from"] = Lower(decision.From),
            ["to"] = Lower(decision.To),
            ["reason"] = decision.Reason,
        };
        if (decision.Actor is { } actor)
        {
            details["actor"] = actor;
        }

        var subject = decision.EndpointId;
        return new WebhookEvent($"decision:{decision.Id}", type, status, $"{incident}:{subject}", decision.ServiceId, decision.EndpointId, subject,
            decision.At, Summary(type, decision.ServiceId, subject, decision.Reason), details);
    }

    /// <summary>The events of an applied DNS change: the failover, and fail-open starting or ending (<paramref name="wasFailedOpen"/>: before it).</summary>
    public static IReadOnlyList<WebhookEvent> FromDnsChange(DnsChange change, bool wasFailedOpen)
    {
        var events = new List<WebhookEvent>();
        if (change.DryRun)
        {
            return events;
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dnsChange"] = change.Id,
            ["provider"] = change.ProviderId,
            ["name"] = change.Name,
            ["before"] = string.Join(", ", change.Before),
            ["after"] = string.Join(", ", change.After),
            ["reason"] = change.Reason,
        };
        var at = change.AppliedAt ?? change.At;
        events.Add(new WebhookEvent($"dns:{change.Id}", WebhookEventTypes.FailoverApplied, WebhookEventStatus.Info, $"failover:{change.Id}",
            change.ServiceId, null, change.ServiceId, at,
            $"{change.Name} now serves [{details["after"]}] (was [{details["before"]}]): {change.Reason}", details));
        if (change.FailedOpen != wasFailedOpen)
        {
            var type = change.FailedOpen ? WebhookEventTypes.FailOpen : WebhookEventTypes.FailOpenEnded;
            events.Add(new WebhookEvent($"dns:{change.Id}:{(change.FailedOpen ? "failopen" : "failopen-ended")}", type,
                change.FailedOpen ? WebhookEventStatus.Firing : WebhookEventStatus.Resolved, $"failopen:{change.ServiceId}",
                change.ServiceId, null, change.ServiceId, at, Summary(type, change.ServiceId, change.ServiceId, change.Reason), details));
        }

        return events;
    }

    /// <summary>A DNS provider failing to apply a change (once per outage: the service raises it when applying starts to fail).</summary>
    public static WebhookEvent DnsError(string serviceId, string providerId, string changeId, string error, DateTimeOffset at) =>
        new($"dns-error:{changeId}", WebhookEventTypes.DnsError, WebhookEventStatus.Firing, $"dns-error:{serviceId}", serviceId, null, serviceId, at,
            $"DNS provider {providerId} failed to apply change {changeId} of service {serviceId}: {error}",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["provider"] = providerId, ["dnsChange"] = changeId, ["error"] = error });

    /// <summary>The provider applied a change again after <see cref="DnsError"/>.</summary>
    public static WebhookEvent DnsRecovered(string serviceId, string providerId, string changeId, DateTimeOffset at) =>
        new($"dns-recovered:{changeId}", WebhookEventTypes.DnsRecovered, WebhookEventStatus.Resolved, $"dns-error:{serviceId}", serviceId, null, serviceId, at,
            $"DNS provider {providerId} applied change {changeId} of service {serviceId} again",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["provider"] = providerId, ["dnsChange"] = changeId });

    /// <summary>The event of <c>POST /api/v1/webhooks/{id}/test</c>.</summary>
    public static WebhookEvent Test(string subscriptionId, string by, DateTimeOffset at) =>
        new($"test:{subscriptionId}:{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", WebhookEventTypes.Test, WebhookEventStatus.Info,
            $"test:{subscriptionId}", string.Empty, null, subscriptionId, at, $"Test event for webhook subscription {subscriptionId} (sent by {by})",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["by"] = by });

    private static (string? Type, WebhookEventStatus Status, string Incident) Classify(Decision decision) => decision.Kind.ToString() switch
    {
        "HealthChanged" when decision.To == EndpointHealth.Unhealthy && decision.From != EndpointHealth.Unhealthy =>
            (WebhookEventTypes.EndpointDown, WebhookEventStatus.Firing, "endpoint-down"),
        "HealthChanged" when decision.From == EndpointHealth.Unhealthy && decision.To == EndpointHealth.Healthy =>
            (WebhookEventTypes.EndpointUp, WebhookEventStatus.Resolved, "endpoint-down"),
        "QuorumLost" => (WebhookEventTypes.QuorumLost, WebhookEventStatus.Firing, "quorum-lost"),
        "QuorumRestored" => (WebhookEventTypes.QuorumRegained, WebhookEventStatus.Resolved, "quorum-lost"),
        "Damped" => (WebhookEventTypes.EndpointDamped, WebhookEventStatus.Firing, "damped"),
        "Undamped" => (WebhookEventTypes.EndpointUndamped, WebhookEventStatus.Resolved, "damped"),
        "DrainStarted" => (WebhookEventTypes.DrainStarted, WebhookEventStatus.Firing, "drain"),
        "Drained" => (WebhookEventTypes.Drained, WebhookEventStatus.Firing, "drain"),
        "UndrainStarted" => (WebhookEventTypes.UndrainStarted, WebhookEventStatus.Info, "drain"),
        "Restored" => (WebhookEventTypes.Restored, WebhookEventStatus.Resolved, "drain"),
        "DrainRefused" => (WebhookEventTypes.DrainRefused, WebhookEventStatus.Info, "drain-refused"),
        "DrainForced" => (WebhookEventTypes.DrainForced, WebhookEventStatus.Info, "drain-forced"),
        "MaintenanceStarted" => (WebhookEventTypes.MaintenanceStarted, WebhookEventStatus.Firing, "maintenance"),
        "MaintenanceEnded" => (WebhookEventTypes.MaintenanceEnded, WebhookEventStatus.Resolved, "maintenance"),
        "EvacuationStarted" => (WebhookEventTypes.EvacuationStarted, WebhookEventStatus.Firing, "evacuation"),
        "Evacuated" => (WebhookEventTypes.Evacuated, WebhookEventStatus.Firing, "evacuation"),
        "EvacuationRestored" => (WebhookEventTypes.EvacuationRestored, WebhookEventStatus.Resolved, "evacuation"),
        _ => (null, WebhookEventStatus.Info, string.Empty),
    };

    private static string Summary(string type, string service, string subject, string reason) =>
        subject == service ? $"{type}: service {service}: {reason}" : $"{type}: {subject} of {service}: {reason}";

    private static string Lower(EndpointHealth health) => health.ToString().ToLowerInvariant();
}
