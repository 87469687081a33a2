namespace ControlPlane.Telemetry;

/// <summary>The metrics ControlPlane exports. Label sets are kept small: per endpoint, never per request.</summary>
public sealed class ControlPlaneMetrics
{
    public ControlPlaneMetrics(MetricsRegistry registry)
    {
        Registry = registry;
        ProbeDuration = registry.Histogram("controlplane_probe_duration_seconds", "Duration of one check, by region and check kind.", Histogram.LatencyBuckets, "region", "kind");
        ProbePhase = registry.Histogram("controlplane_probe_phase_seconds", "Time of each phase of a check (dns, connect, tls, first_byte, total), by region.", Histogram.LatencyBuckets, "region", "phase");
        ProbeLag = registry.Histogram("controlplane_probe_lag_seconds", "How late checks start after their scheduled time, by region (an overloaded silo stretches intervals instead of dropping checks).", Histogram.LatencyBuckets, "region");
        Observations = registry.Counter("controlplane_observations_total", "Probe results by endpoint, region and outcome.", "service", "endpoint", "region", "outcome");
        RegionVerdict = registry.Gauge("controlplane_region_verdict", "1 for the verdict a region currently holds for an endpoint (state set over up, down, unknown).", "service", "endpoint", "region", "verdict");
        EndpointHealthy = registry.Gauge("controlplane_endpoint_healthy", "1 when quorum says the endpoint is healthy (or unknown), 0 when unhealthy.", "service", "endpoint", "datacenter");
        EndpointDrained = registry.Gauge("controlplane_endpoint_drained", "1 when the endpoint is drained out of DNS.", "service", "endpoint");
        EndpointQuorumAlert = registry.Gauge("controlplane_endpoint_quorum_alert", "1 when too few regions report to decide the endpoint's health.", "service", "endpoint");
        Decisions = registry.Counter("controlplane_decisions_total", "Decisions recorded, by service and kind.", "service", "kind");
        DnsChanges = registry.Counter("controlplane_dns_changes_total", "DNS changes by service, provider and result (applied, failed).", "service", "provider", "result");
        DnsApplyDuration = registry.Histogram("controlplane_dns_apply_seconds", "Time from a service's decision to the provider accepting the change.", Histogram.LatencyBuckets, "provider");
        DnsDrift = registry.Counter("controlplane_dns_drift_total", "Times a provider was found serving other records than published, and repaired.", "service", "provider");
        ServiceChangeHeld = registry.Gauge("controlplane_service_change_held", "1 while a DNS change is held by the min-healthy guard or the change limit.", "service");
        ServiceFailedOpen = registry.Gauge("controlplane_service_failed_open", "1 when no endpoint of the service is healthy and all are published (fail open).", "service");
        ActiveGrains = registry.Gauge("controlplane_grains_active", "Grain activations on this silo, by kind.", "kind");
        DefinitionVersion = registry.Gauge("controlplane_definition_version", "Version of the cluster definition this silo acts on.");
    }

    public MetricsRegistry Registry { get; }

    public Histogram ProbeDuration { get; }

    public Histogram ProbePhase { get; }

    public Histogram ProbeLag { get; }

    public Counter Observations { get; }

    public Gauge RegionVerdict { get; }

    public Gauge EndpointHealthy { get; }

    public Gauge EndpointDrained { get; }

    public Gauge EndpointQuorumAlert { get; }

    public Counter Decisions { get; }

    public Counter DnsChanges { get; }

    public Histogram DnsApplyDuration { get; }

    public Gauge ServiceFailedOpen { get; }

    public Counter DnsDrift { get; }

    public Gauge ServiceChangeHeld { get; }

    public Gauge ActiveGrains { get; }

    public Gauge DefinitionVersion { get; }
}
