using System.Text;

namespace ControlPlane.Telemetry;

/// <summary>All metric families of a process, rendered together for <c>GET /metrics</c>.</summary>
public sealed class MetricsRegistry
{
    private readonly List<Action<StringBuilder>> _writers = [];

    public Counter Counter(string name, string help, params string[] labels) => Add(new Counter(name, help, labels));

    public Gauge Gauge(string name, string help, params string[] labels) => Add(new Gauge(name, help, labels));

    public Histogram Histogram(string name, string help, double[] buckets, params string[] labels) => Add(new Histogram(name, help, buckets, labels));

    /// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        lock (_writers)
        {
            foreach (var write in _writers)
            {
                write(output);
            }
        }

        return output.ToString();
    }

    private T Add<T>(T family)
        where T : class
    {
        lock (_writers)
        {
            _writers.Add(family switch
            {
                Counter c => c.Write,
                Gauge g => g.Write,
                Histogram h => h.Write,
                _ => throw new ArgumentException("unknown metric type", nameof(family)),
            });
        }

        return family;
    }
}
