using System.Diagnostics.Metrics;
using ControlPlane.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ControlPlane.Silo;

/// <summary>
/// Exports ControlPlane's meter, Orleans' and the .NET runtime's and ASP.NET Core's meters on
/// <c>GET /metrics</c> through OpenTelemetry's Prometheus exporter (text format 0.0.4).
/// </summary>
/// <remarks>
/// Scope labels (<c>otel_scope_name</c>) and <c>target_info</c> are off, so ControlPlane's series
/// keep exactly the names and labels of docs/metrics.md. Each scrape collects afresh (no response
/// cache), so a test or an operator reads what the silo holds now. Per-endpoint instruments get
/// a cardinality limit sized for <see cref="ControlPlaneMetrics.MaxEndpointsPerSilo"/>.
/// </remarks>
internal static class MetricsExport
{
    /// <summary>The meters besides ControlPlane's: Orleans, the runtime (GC, thread pool, CPU), ASP.NET Core hosting and Kestrel.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static void AddMetricsExport(this IServiceCollection services)
    {
        services.AddSingleton<ControlPlaneMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ControlPlaneMetrics.MeterName)
            .AddMeter(Meters)
            .AddView(View)
            .AddPrometheusExporter(o =>
            {
                o.ScopeInfoEnabled = false;
                o.TargetInfoEnabled = false;
                o.ScrapeResponseCacheDurationMilliseconds = 0;
            }));
    }

    /// <summary>Runtime gauges whose standard names end in <c>.count</c>, which promtool reserves for histograms and summaries.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    private static MetricStreamConfiguration? View(Instrument instrument)
    {
        if (instrument.Meter.Name == ControlPlaneMetrics.MeterName)
        {
            return ControlPlaneMetrics.SeriesLimit(instrument.Name) is { } limit ? new MetricStreamConfiguration { CardinalityLimit = limit } : null;
        }

        if (instrument.Unit is "ms" or "MB")
        {
            return MetricStreamConfiguration.Drop; // Orleans' latencies in ms and memory in MB: not base units, promtool rejects the names
        }

        var name = Renamed.GetValueOrDefault(instrument.Name);
        var help = string.IsNullOrEmpty(instrument.Description) ? $"{instrument.Name} ({instrument.Meter.Name})" : null;
        return name is null && help is null ? null : new MetricStreamConfiguration { Name = name, Description = help };
    }

    public static IEndpointConventionBuilder MapMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
