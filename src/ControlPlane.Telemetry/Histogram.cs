using System.Text;

namespace ControlPlane.Telemetry;

/// <summary>Observations counted into cumulative buckets, with their sum and count.</summary>
public sealed class Histogram(string name, string help, double[] buckets, params string[] labelNames)
    : MetricFamily<Histogram.Child>(name, help, "histogram", labelNames)
{
    /// <summary>From 1 ms to 30 s: probe and DNS latencies.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly double[] _buckets = buckets.Order().ToArray();

    protected override Child CreateChild() => new(_buckets);

    protected override void WriteChild(StringBuilder output, string labels, Child child)
    {
        var prefix = labels.Length == 0 ? string.Empty : labels + ",";
        var (counts, sum, count) = child.Snapshot();
        long cumulative = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            cumulative += counts[i];
            output.Append(Name).Append("_bucket{").Append(prefix).Append("le=\"").Append(Format(_buckets[i])).Append("\"} ").Append(cumulative).Append('\n');
        }

        output.Append(Name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(count).Append('\n');
        output.Append(Name).Append("_sum").Append(Braced(labels)).Append(' ').Append(Format(sum)).Append('\n');
        output.Append(Name).Append("_count").Append(Braced(labels)).Append(' ').Append(count).Append('\n');
    }

    /// <summary>One labelled histogram.</summary>
    public sealed class Child(double[] buckets)
    {
        private readonly long[] _counts = new long[buckets.Length];
        private readonly object _sync = new();
        private double _sum;
        private long _count;

        public void Observe(double value)
        {
            lock (_sync)
            {
                var index = Array.FindIndex(buckets, b => value <= b);
                if (index >= 0)
                {
                    _counts[index]++;
                }

                _sum += value;
                _count++;
            }
        }

        internal (long[] Counts, double Sum, long Count) Snapshot()
        {
            lock (_sync)
            {
                return (_counts.ToArray(), _sum, _count);
            }
        }
    }
}
