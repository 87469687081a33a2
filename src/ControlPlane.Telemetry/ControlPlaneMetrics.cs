using System.Diagnostics.Metrics;

namespace ControlPlane.Telemetry;

/// <summary>The metrics ControlPlane exports, as instruments of the meter <see cref="MeterName"/>. Names and labels are those of docs/metrics.md.</summary>
/// <remarks>
/// Label sets stay small: per service, region or kind, never per request. The only series per
/// endpoint are gauges that hold a state (a region's verdict, health, drain, quorum alert); they are
/// removed when their grain leaves the silo (<see cref="ForgetProbe"/>, <see cref="ForgetEndpoint"/>,
/// <see cref="ForgetService"/>), so a silo exports only what it holds. Counters are never per endpoint.
/// </remarks>
public sealed class ControlPlaneMetrics
{
    /// <summary>The meter every ControlPlane instrument belongs to.</summary>
    public const string MeterName = "ControlPlane";

    /// <summary>The most endpoints (or endpoint-regions) one silo exports per-endpoint series for; beyond it the exporter folds new series into one overflow series.</summary>
    public const int MaxEndpointsPerSilo = 20_000;

    /// <summary>The most services one silo exports per-service series for (per kind, provider or result).</summary>
    public const int MaxServiceSeries = 10_000;

    private static readonly string[] Verdicts = ["up", "down", "unknown"];

    private static readonly Dictionary<string, int> Limits = new(StringComparer.Ordinal)
    {
        ["controlplane_region_verdict"] = MaxEndpointsPerSilo * Verdicts.Length,
        ["controlplane_endpoint_healthy"] = MaxEndpointsPerSilo,
        ["controlplane_endpoint_drained"] = MaxEndpointsPerSilo,
        ["controlplane_endpoint_quorum_alert"] = MaxEndpointsPerSilo,
        ["controlplane_observations_total"] = MaxServiceSeries,
        ["controlplane_decisions_total"] = MaxServiceSeries,
        ["controlplane_dns_changes_total"] = MaxServiceSeries,
        ["controlplane_dns_drift_total"] = MaxServiceSeries,
        ["controlplane_service_failed_open"] = MaxServiceSeries,
        ["controlplane_service_change_held"] = MaxServiceSeries,
    };

    public ControlPlaneMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        ProbeDuration = new LabelledHistogram(meter, "controlplane_probe_duration_seconds", "Duration of one check, by region and check kind.", LabelledHistogram.LatencyBuckets, "region", "kind");
        ProbePhase = new LabelledHistogram(meter, "controlplane_probe_phase_seconds", "Time of each phase of a check (dns, connect, tls, first_byte, total), by region.", LabelledHistogram.LatencyBuckets, "region", "phase");
        ProbeLag = new LabelledHistogram(meter, "controlplane_probe_lag_seconds", "How late checks start after their scheduled time, by region (an overloaded silo stretches intervals instead of dropping checks).", LabelledHistogram.LatencyBuckets, "region");
        Observations = new LabelledCounter(meter, "controlplane_observations_total", "Probe results by service, region and outcome.", "service", "region", "outcome");
        RegionVerdict = new GaugeSet(meter, "controlplane_region_verdict", "1 for the verdict a region currently holds for an endpoint (state set over up, down, unknown).", ["service", "endpoint", "region", "verdict"], removableBy: ["endpoint"]);
        EndpointHealthy = new GaugeSet(meter, "controlplane_endpoint_healthy", "1 when quorum says the endpoint is healthy (or unknown), 0 when unhealthy.", ["service", "endpoint", "datacenter"], removableBy: ["endpoint"]);
        EndpointDrained = new GaugeSet(meter, "controlplane_endpoint_drained", "1 when the endpoint is drained out of DNS.", ["service", "endpoint"], removableBy: ["endpoint"]);
        EndpointQuorumAlert = new GaugeSet(meter, "controlplane_endpoint_quorum_alert", "1 when too few regions report to decide the endpoint's health.", ["service", "endpoint"], removableBy: ["endpoint"]);
        Decisions = new LabelledCounter(meter, "controlplane_decisions_total", "Decisions recorded, by service and kind.", "service", "kind");
        DnsChanges = new LabelledCounter(meter, "controlplane_dns_changes_total", "DNS changes by service, provider and result (applied, failed, dry_run).", "service", "provider", "result");
        DnsApplyDuration = new LabelledHistogram(meter, "controlplane_dns_apply_seconds", "Time from a service's decision to the provider accepting the change.", LabelledHistogram.LatencyBuckets, "provider");
        DnsDrift = new LabelledCounter(meter, "controlplane_dns_drift_total", "Times a provider was found serving other records than published, and repaired.", "service", "provider");
        ServiceChangeHeld = new GaugeSet(meter, "controlplane_service_change_held", "1 while a DNS change is held by the min-healthy guard or the change limit.", ["service"], removableBy: ["service"]);
        ServiceFailedOpen = new GaugeSet(meter, "controlplane_service_failed_open", "1 when no endpoint of the service is healthy and all are published (fail open).", ["service"], removableBy: ["service"]);
        ActiveGrains = new GaugeSet(meter, "controlplane_grains_active", "Grain activations on this silo, by kind.", ["kind"]);
        DefinitionVersion = new GaugeSet(meter, "controlplane_definition_version", "Version of the cluster definition this silo acts on.", []);
        WebhookDeliveries = new LabelledCounter(meter, "controlplane_webhook_deliveries_total", "Webhook delivery attempts by subscription and result (delivered, failed, dead).", "subscription", "result");
        WebhookDeliverySeconds = new LabelledHistogram(meter, "controlplane_webhook_delivery_seconds", "Time from an event to the receiver's 2xx, retries included, by subscription.", LabelledHistogram.LatencyBuckets, "subscription");
        WebhookPending = new GaugeSet(meter, "controlplane_webhook_pending", "Webhook deliveries waiting in the outboxes of this silo's grains, by subscription.", ["subscription"], removableBy: ["subscription"]);
        WebhookOldestPending = new GaugeSet(meter, "controlplane_webhook_oldest_pending_seconds", "Age of the oldest delivery waiting on this silo, by subscription (0 when none).", ["subscription"], removableBy: ["subscription"]);
    }

    public LabelledHistogram ProbeDuration { get; }

    public LabelledHistogram ProbeLag { get; }

    public LabelledCounter Observations { get; }

    public LabelledHistogram ProbePhase { get; }

    public GaugeSet RegionVerdict { get; }

    public GaugeSet EndpointHealthy { get; }

    public GaugeSet EndpointDrained { get; }

    public GaugeSet EndpointQuorumAlert { get; }

    public LabelledCounter Decisions { get; }

    public LabelledCounter DnsChanges { get; }

    public LabelledHistogram DnsApplyDuration { get; }

    public GaugeSet ServiceFailedOpen { get; }

    public LabelledCounter DnsDrift { get; }

    public GaugeSet ServiceChangeHeld { get; }

    public GaugeSet ActiveGrains { get; }

    public GaugeSet DefinitionVersion { get; }

    public LabelledCounter WebhookDeliveries { get; }

    public LabelledHistogram WebhookDeliverySeconds { get; }

    public GaugeSet WebhookPending { get; }

    public GaugeSet WebhookOldestPending { get; }

    /// <summary>How many series of instrument <paramref name="name"/> a silo may export (the exporter's cardinality limit); null for the exporter's default (2,000).</summary>
    public static int? SeriesLimit(string name) => Limits.TryGetValue(name, out var limit) ? limit : null;

    /// <summary>Removes the region verdict series of one probe (an endpoint seen from a region) that left this silo.</summary>
    public void ForgetProbe(string endpoint, string region)
    {
        // by endpoint and region: the service is not known here (the endpoint may have left the definition)
        RegionVerdict.RemoveWhere("endpoint", endpoint, ("region", region));
    }

    /// <summary>Removes the health, drain and quorum-alert series of an endpoint whose grain left this silo.</summary>
    public void ForgetEndpoint(string endpoint)
    {
        EndpointHealthy.RemoveWhere("endpoint", endpoint);
        EndpointDrained.RemoveWhere("endpoint", endpoint);
        EndpointQuorumAlert.RemoveWhere("endpoint", endpoint);
    }

    /// <summary>Removes the fail-open and change-held series of a service whose grain left this silo.</summary>
    public void ForgetService(string service)
    {
        ServiceFailedOpen.RemoveWhere("service", service);
        ServiceChangeHeld.RemoveWhere("service", service);
    }
}
