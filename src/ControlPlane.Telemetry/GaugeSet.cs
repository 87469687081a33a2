using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ControlPlane.Telemetry;

/// <summary>
/// A gauge whose series are set one label set at a time and can be removed: an
/// <see cref="ObservableGauge{T}"/> over a concurrent map from label values to the last value set.
/// </summary>
/// <remarks>
/// The exporter reads the map on every scrape, so a removed series is simply absent from the next
/// scrape (Prometheus marks it stale), which the synchronous <c>Gauge&lt;T&gt;</c> cannot do: it
/// exports the last value of every label set it ever saw. Removal by one label's value (an endpoint
/// leaving this silo or the definition) uses an index on that label, so it costs the number of
/// series removed, not the size of the map.
/// </remarks>
public sealed class GaugeSet
{
    private readonly ConcurrentDictionary<string, Entry> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int Label, string Value), ConcurrentDictionary<string, byte>> _index = new();
    private readonly LabelSet _labels;
    private readonly int[] _indexed;

    internal GaugeSet(Meter meter, string name, string help, string[] labelNames, string[]? removableBy = null)
    {
        _labels = new LabelSet(name, labelNames);
        _indexed = (removableBy ?? []).Select(l => _labels.IndexOf(l) is var i and >= 0 ? i : throw new ArgumentException($"{name} has no label {l}", nameof(removableBy))).ToArray();
        meter.CreateObservableGauge(name, Observe, unit: null, description: help);
    }

    /// <summary>The number of series currently exported.</summary>
    public int Count => _series.Count;

    /// <summary>The series of these label values (in label-name order).</summary>
    public Series WithLabels(params string[] labelValues) => new(this, labelValues);

    /// <summary>The value of the series of these label values, or null when it is not exported.</summary>
    public double? Value(params string[] labelValues) => _series.TryGetValue(Key(labelValues), out var entry) ? entry.Value : null;

    /// <summary>Stops exporting the series of these label values.</summary>
    public void Remove(params string[] labelValues) => Remove(Key(labelValues));

    /// <summary>
    /// Stops exporting every series whose label <paramref name="label"/> is <paramref name="value"/>
    /// (the label must be one the set was made removable by) and whose labels also match <paramref name="also"/>.
    /// </summary>
    public void RemoveWhere(string label, string value, params (string Label, string Value)[] also)
    {
        var filters = also.Select(f => (Index: _labels.IndexOf(f.Label), f.Value)).ToArray();
        var index = _labels.IndexOf(label);
        if (!_indexed.Contains(index))
        {
            throw new ArgumentException($"series cannot be removed by {label}", nameof(label));
        }

        if (_index.TryGetValue((index, value), out var keys))
        {
            foreach (var key in keys.Keys)
            {
                if (_series.TryGetValue(key, out var entry) && filters.All(f => f.Index >= 0 && entry.LabelValues[f.Index] == f.Value))
                {
                    Remove(key);
                }
            }
        }
    }

    private void Set(string[] labelValues, double value)
    {
        var key = Key(labelValues);
        var entry = _series.GetOrAdd(key, _ => new Entry(_labels.TagArray(labelValues), labelValues.ToArray()));
        entry.Value = value;
        foreach (var i in _indexed)
        {
            _index.GetOrAdd((i, labelValues[i]), _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(key, 0);
        }
    }

    private void Remove(string key)
    {
        if (!_series.TryRemove(key, out var entry))
        {
            return;
        }

        foreach (var i in _indexed)
        {
            if (_index.TryGetValue((i, entry.LabelValues[i]), out var keys))
            {
                keys.TryRemove(key, out _);
            }
        }
    }

    private IEnumerable<Measurement<double>> Observe()
    {
        foreach (var entry in _series.Values)
        {
            yield return new Measurement<double>(entry.Value, entry.Tags);
        }
    }

    private static string Key(string[] labelValues) => string.Join('\u0001', labelValues);

    private sealed class Entry(KeyValuePair<string, object?>[] tags, string[] labelValues)
    {
        private long _bits;

        public KeyValuePair<string, object?>[] Tags { get; } = tags;

        public string[] LabelValues { get; } = labelValues;

        public double Value
        {
            get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));
            set => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
        }
    }

    /// <summary>One labelled series of the gauge.</summary>
    public readonly struct Series
    {
        private readonly GaugeSet _set;
        private readonly string[] _labelValues;

        internal Series(GaugeSet set, string[] labelValues)
        {
            _set = set;
            _labelValues = labelValues;
        }

        public void Set(double value) => _set.Set(_labelValues, value);
    }
}
