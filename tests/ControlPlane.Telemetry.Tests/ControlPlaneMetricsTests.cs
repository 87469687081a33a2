using System.Diagnostics.Metrics;

namespace ControlPlane.Telemetry.Tests;

public sealed class ControlPlaneMetricsTests
{
    [Fact]
    public void A_gauge_series_is_collected_with_its_labels_and_last_value()
    {
        using var listener = new MetricsListener();
        listener.Metrics.EndpointHealthy.WithLabels("web", "web-a", "dc1").Set(1);
        listener.Metrics.EndpointHealthy.WithLabels("web", "web-a", "dc1").Set(0);

        var (value, labels) = Assert.Single(listener.Collect("controlplane_endpoint_healthy"));
        Assert.Equal(0, value);
        Assert.Equal(new Dictionary<string, string?> { ["service"] = "web", ["endpoint"] = "web-a", ["datacenter"] = "dc1" }, labels);
    }

    [Fact]
    public void An_endpoint_that_leaves_the_silo_takes_its_series_with_it()
    {
        using var listener = new MetricsListener();
        var metrics = listener.Metrics;
        foreach (var endpoint in new[] { "web-a", "web-b" })
        {
            metrics.EndpointHealthy.WithLabels("web", endpoint, "dc1").Set(1);
            metrics.EndpointDrained.WithLabels("web", endpoint).Set(0);
            metrics.EndpointQuorumAlert.WithLabels("web", endpoint).Set(0);
        }

        metrics.ForgetEndpoint("web-a");

        foreach (var name in new[] { "controlplane_endpoint_healthy", "controlplane_endpoint_drained", "controlplane_endpoint_quorum_alert" })
        {
            Assert.Equal(["web-b"], listener.Collect(name).Select(s => s.Labels["endpoint"]));
        }
    }

    [Fact]
    public void A_probe_that_leaves_the_silo_removes_only_its_own_regions_verdicts()
    {
        using var listener = new MetricsListener();
        var verdicts = listener.Metrics.RegionVerdict;
        foreach (var region in new[] { "eu-central", "us-east" })
        {
            foreach (var verdict in new[] { "up", "down", "unknown" })
            {
                verdicts.WithLabels("web", "web-a", region, verdict).Set(verdict == "up" ? 1 : 0);
            }
        }

        verdicts.WithLabels("web", "web-b", "eu-central", "up").Set(1);

        listener.Metrics.ForgetProbe("web-a", "eu-central");

        var left = listener.Collect("controlplane_region_verdict").Select(s => $"{s.Labels["endpoint"]}@{s.Labels["region"]}").Distinct().Order();
        Assert.Equal(["web-a@us-east", "web-b@eu-central"], left);
        Assert.Equal(4, verdicts.Count);
    }

    [Fact]
    public void A_service_that_leaves_the_silo_takes_its_series_with_it()
    {
        using var listener = new MetricsListener();
        listener.Metrics.ServiceFailedOpen.WithLabels("web").Set(1);
        listener.Metrics.ServiceChangeHeld.WithLabels("web").Set(0);
        listener.Metrics.ServiceFailedOpen.WithLabels("api").Set(0);

        listener.Metrics.ForgetService("web");

        Assert.Equal(["api"], listener.Collect("controlplane_service_failed_open").Select(s => s.Labels["service"]));
        Assert.Empty(listener.Collect("controlplane_service_change_held"));
    }

    [Fact]
    public void Observations_are_counted_per_service_region_and_outcome_not_per_endpoint()
    {
        using var listener = new MetricsListener();
        listener.Metrics.Observations.Inc("web", "eu-central", "Success");

        var (value, labels) = Assert.Single(listener.Recorded("controlplane_observations_total"));
        Assert.Equal(1, value);
        Assert.Equal(["outcome", "region", "service"], labels.Keys.Order());
    }

    [Fact]
    public void Histograms_are_in_seconds_with_the_latency_buckets_as_advice()
    {
        using var listener = new MetricsListener();
        listener.Metrics.ProbeDuration.WithLabels("eu-central", "http").Observe(0.004);

        var (value, labels) = Assert.Single(listener.Recorded("controlplane_probe_duration_seconds"));
        Assert.Equal(0.004, value);
        Assert.Equal("http", labels["kind"]);
        var histogram = Assert.IsType<Histogram<double>>(Find(listener, "controlplane_probe_duration_seconds"));
        Assert.Equal("s", histogram.Unit);
        Assert.Equal(LabelledHistogram.LatencyBuckets, histogram.Advice!.HistogramBucketBoundaries);
    }

    [Fact]
    public void A_wrong_number_of_label_values_is_refused_naming_the_labels()
    {
        using var listener = new MetricsListener();
        var error = Assert.Throws<ArgumentException>(() => listener.Metrics.Observations.Inc("web", "web-a", "eu-central", "Success"));
        Assert.Contains("controlplane_observations_total takes 3 label value(s) (service, region, outcome), got 4", error.Message);
        Assert.Throws<ArgumentException>(() => listener.Metrics.EndpointDrained.WithLabels("web").Set(1));
    }

    [Fact]
    public void Per_endpoint_instruments_have_a_series_limit_sized_for_a_silo()
    {
        Assert.Equal(3 * ControlPlaneMetrics.MaxEndpointsPerSilo, ControlPlaneMetrics.SeriesLimit("controlplane_region_verdict"));
        Assert.Equal(ControlPlaneMetrics.MaxEndpointsPerSilo, ControlPlaneMetrics.SeriesLimit("controlplane_endpoint_healthy"));
        Assert.Null(ControlPlaneMetrics.SeriesLimit("controlplane_probe_lag_seconds"));
    }

    private static Instrument Find(MetricsListener listener, string name) => listener.Published.Single(i => i.Name == name);
}
