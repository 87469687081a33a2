using System.Text;

namespace ControlPlane.Telemetry;

/// <summary>A value that goes up and down.</summary>
public sealed class Gauge(string name, string help, params string[] labelNames)
    : MetricFamily<Gauge.Child>(name, help, "gauge", labelNames)
{
    protected override Child CreateChild() => new();

    protected override void WriteChild(StringBuilder output, string labels, Child child) =>
        output.Append(Name).Append(Braced(labels)).Append(' ').Append(Format(child.Value)).Append('\n');

    /// <summary>One labelled gauge.</summary>
    public sealed class Child
    {
        private long _bits;

        public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

        public void Set(double value) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
    }
}
