using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ControlPlane.Telemetry;

/// <summary>A <see cref="Counter{T}"/> whose label names are fixed when it is created; exported with the <c>_total</c> suffix it is named with.</summary>
public sealed class LabelledCounter
{
    private readonly Counter<long> _counter;
    private readonly LabelSet _labels;

    internal LabelledCounter(Meter meter, string name, string help, params string[] labelNames)
    {
        _counter = meter.CreateCounter<long>(name, unit: null, description: help);
        _labels = new LabelSet(name, labelNames);
    }

    /// <summary>Adds one to the series of these label values (in label-name order).</summary>
    public void Inc(params string[] labelValues) => _counter.Add(1, _labels.Tags(labelValues));

    /// <summary>The series of these label values, for a caller that adds to it often (its tags are built once).</summary>
    public Series WithLabels(params string[] labelValues) => new(_counter, _labels.Tags(labelValues));

    /// <summary>One labelled series of the counter.</summary>
    public readonly struct Series
    {
        private readonly Counter<long> _counter;
        private readonly TagList _tags;

        internal Series(Counter<long> counter, TagList tags)
        {
            _counter = counter;
            _tags = tags;
        }

        public void Inc() => _counter.Add(1, _tags);
    }
}
