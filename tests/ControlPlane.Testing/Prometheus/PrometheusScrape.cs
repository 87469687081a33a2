namespace ControlPlane.Testing.Prometheus;

/// <summary>One scrape job of a <see cref="PrometheusServer"/>: its name and <c>host:port</c> targets.</summary>
public sealed record PrometheusScrape(string Job, IReadOnlyList<string> Targets, string MetricsPath = "/metrics");
