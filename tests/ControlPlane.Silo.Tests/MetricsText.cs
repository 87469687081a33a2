using System.Globalization;
using System.Text.RegularExpressions;

namespace ControlPlane.Silo.Tests;

/// <summary>Reads samples out of the Prometheus text exposition format that <c>/metrics</c> serves.</summary>
internal static partial class MetricsText
{
    /// <summary>
    /// The sum of the samples of <paramref name="name"/> whose labels include every pair in
    /// <paramref name="labels"/> (in any order, other labels allowed); null when no sample matches.
    /// </summary>
    public static double? Sum(string text, string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            var match = SampleLine().Match(line.TrimEnd('\r'));
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var present = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["label"].Value, m => Regex.Unescape(m.Groups["value"].Value), StringComparer.Ordinal);
            if (labels.All(l => present.TryGetValue(l.Label, out var v) && v == l.Value))
            {
                sum = (sum ?? 0) + double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
