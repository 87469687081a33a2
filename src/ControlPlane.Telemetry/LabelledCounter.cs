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
}
