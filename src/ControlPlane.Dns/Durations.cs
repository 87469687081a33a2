using System.Globalization;

namespace ControlPlane.Dns;

/// <summary>Parses the duration strings providers accept in settings: <c>500ms</c>, <c>2s</c>, <c>1m</c>, <c>1h</c>.</summary>
public static class Durations
{
    /// <summary>The duration, or null when <paramref name="text"/> is not a number followed by ms, s, m or h.</summary>
    public static TimeSpan? Parse(string text)
    {
        var t = text.Trim();
        (string Suffix, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0)
            {
                return TimeSpan.FromMilliseconds(value * ms);
            }
        }

        return null;
    }
}
