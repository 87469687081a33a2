using System.Text;

namespace ControlPlane.Telemetry;

/// <summary>A monotonically increasing count. Name must end in <c>_total</c>.</summary>
public sealed class Counter(string name, string help, params string[] labelNames)
    : MetricFamily<Counter.Child>(name, help, "counter", labelNames)
{
    public void Inc(params string[] labelValues) => WithLabels(labelValues).Inc();

    protected override Child CreateChild() => new();

    protected override void WriteChild(StringBuilder output, string labels, Child child) =>
        output.Append(Name).Append(Braced(labels)).Append(' ').Append(Format(child.Value)).Append('\n');

    /// <summary>One labelled counter.</summary>
    public sealed class Child
    {
        private long _value;

        public double Value => Interlocked.Read(ref _value);

        public void Inc(long by = 1) => Interlocked.Add(ref _value, by);
    }
}
