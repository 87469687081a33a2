using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ControlPlane.Telemetry;

/// <summary>A <see cref="Histogram{T}"/> of seconds with fixed label names and explicit bucket bounds (given to the exporter as advice).</summary>
public sealed class LabelledHistogram
{
    /// <summary>From 1 ms to 30 s: probe and DNS latencies.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram<double> _histogram;
    private readonly LabelSet _labels;

    internal LabelledHistogram(Meter meter, string name, string help, IReadOnlyList<double> buckets, params string[] labelNames)
    {
        _histogram = meter.CreateHistogram(name, unit: "s", description: help, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
        _labels = new LabelSet(name, labelNames);
    }

    /// <summary>The series of these label values (in label-name order).</summary>
    public Series WithLabels(params string[] labelValues) => new(_histogram, _labels.Tags(labelValues));

    /// <summary>One labelled series of the histogram.</summary>
    public readonly struct Series
    {
        private readonly Histogram<double> _histogram;
        private readonly TagList _tags;

        internal Series(Histogram<double> histogram, TagList tags)
        {
            _histogram = histogram;
            _tags = tags;
        }

        public void Observe(double seconds) => _histogram.Record(seconds, _tags);
    }
}
