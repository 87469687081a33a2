using System.Diagnostics.Metrics;

namespace ControlPlane.Telemetry.Tests;

/// <summary>A <see cref="ControlPlaneMetrics"/> on its own meter, and what a listener (as the exporter does) collects from it.</summary>
internal sealed class MetricsListener : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string?> Labels)> _seen = [];

    public MetricsListener()
    {
        Metrics = new ControlPlaneMetrics(this);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                Published.Add(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public ControlPlaneMetrics Metrics { get; }

    /// <summary>Every instrument of the meter, as the exporter sees them published.</summary>
    public List<Instrument> Published { get; } = [];

    /// <summary>Reads every observable instrument now, as a scrape does; returns the measurements of <paramref name="instrument"/>.</summary>
    public List<(double Value, Dictionary<string, string?> Labels)> Collect(string instrument)
    {
        lock (_seen)
        {
            _seen.Clear();
        }

        _listener.RecordObservableInstruments();
        lock (_seen)
        {
            return _seen.Where(s => s.Instrument == instrument).Select(s => (s.Value, s.Labels)).ToList();
        }
    }

    /// <summary>Measurements recorded so far (since the last <see cref="Collect"/>) of a synchronous instrument.</summary>
    public List<(double Value, Dictionary<string, string?> Labels)> Recorded(string instrument)
    {
        lock (_seen)
        {
            return _seen.Where(s => s.Instrument == instrument).Select(s => (s.Value, s.Labels)).ToList();
        }
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            labels[tag.Key] = tag.Value?.ToString();
        }

        lock (_seen)
        {
            _seen.Add((instrument.Name, value, labels));
        }
    }
}
