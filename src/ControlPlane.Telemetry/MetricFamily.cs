using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ControlPlane.Telemetry;

/// <summary>A named metric with label names and one child per distinct label-value tuple.</summary>
public abstract class MetricFamily<TChild>
    where TChild : class
{
    private readonly ConcurrentDictionary<string, (string[] Values, TChild Child)> _children = new(StringComparer.Ordinal);

    protected MetricFamily(string name, string help, string type, string[] labelNames)
    {
        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    public string Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The child for these label values (in <see cref="LabelNames"/> order), created on first use.</summary>
    public TChild WithLabels(params string[] values)
    {
        if (values.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} takes {LabelNames.Count} label value(s), got {values.Length}", nameof(values));
        }

        var key = string.Join('\u0001', values);
        return _children.GetOrAdd(key, _ => (values.ToArray(), CreateChild())).Child;
    }

    /// <summary>Forgets a child (an endpoint removed from the definition), so it is no longer exported.</summary>
    public void Remove(params string[] values) => _children.TryRemove(string.Join('\u0001', values), out _);

    /// <summary>Forgets every child whose label <paramref name="label"/> has value <paramref name="value"/>.</summary>
    public void RemoveWhere(string label, string value)
    {
        var index = LabelNames.ToList().IndexOf(label);
        if (index < 0)
        {
            return;
        }

        foreach (var (key, entry) in _children)
        {
            if (entry.Values[index] == value)
            {
                _children.TryRemove(key, out _);
            }
        }
    }

    protected abstract TChild CreateChild();

    protected abstract void WriteChild(StringBuilder output, string labels, TChild child);

    internal void Write(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(Help)).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        foreach (var (values, child) in _children.Values.OrderBy(c => string.Join('\u0001', c.Values), StringComparer.Ordinal))
        {
            WriteChild(output, Labels(values), child);
        }
    }

    private string Labels(string[] values)
    {
        if (values.Length == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append(LabelNames[i]).Append("=\"").Append(EscapeLabel(values[i])).Append('"');
        }

        return builder.ToString();
    }

    internal static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Braced(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
