using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ControlPlane.Configuration.Values;

/// <summary>Durations written with a unit: <c>500ms</c>, <c>1s</c>, <c>2m</c>, <c>1h</c>, or combined as <c>1m30s</c>.</summary>
internal static partial class DurationText
{
    /// <summary>The longest duration any field accepts; longer values are typos, not intent.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(24);

    /// <summary>The longest certificate-lifetime threshold (<c>warnBefore</c>, <c>failBefore</c>).</summary>
    public static readonly TimeSpan MaxDays = TimeSpan.FromDays(3650);

    public static bool TryParse(string text, out TimeSpan value, out string error) => TryParse(text, Max, out value, out error);

    /// <summary>Parses a duration of at most <paramref name="max"/>; days (<c>14d</c>) are accepted too.</summary>
    public static bool TryParse(string text, TimeSpan max, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = string.Empty;
        var trimmed = text.Trim();
        if (BareNumber().IsMatch(trimmed))
        {
            error = $"{Yaml.YamlText.Quote(text)} needs a unit, for example {trimmed}s or {trimmed}ms (units: ms, s, m, h, d)";
            return false;
        }

        if (trimmed.StartsWith('-'))
        {
            error = $"{Yaml.YamlText.Quote(text)} is negative; a duration must be 0 or more";
            return false;
        }

        if (!Whole().IsMatch(trimmed))
        {
            error = $"{Yaml.YamlText.Quote(text)} is not a duration (write a number and a unit, for example 500ms, 1s, 2m, 1h or 1m30s)";
            return false;
        }

        decimal milliseconds = 0;
        foreach (Match part in Part().Matches(trimmed))
        {
            // Each part is checked against the limit before it is added, so the sum stays far from decimal's range.
            if (!decimal.TryParse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || number > (decimal)max.TotalMilliseconds)
            {
                error = $"{Yaml.YamlText.Quote(text)} is too long: at most {Format(max)}";
                return false;
            }

            milliseconds += number * part.Groups[2].Value switch
            {
                "ms" => 1m,
                "s" => 1_000m,
                "m" => 60_000m,
                "h" => 3_600_000m,
                _ => 86_400_000m,
            };
            if (milliseconds > (decimal)max.TotalMilliseconds)
            {
                error = $"{Yaml.YamlText.Quote(text)} is too long: at most {Format(max)}";
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>The shortest text <c>TryParse</c> reads back as the same value, for messages and docs.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var hours = (long)value.TotalHours;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (value.Minutes > 0)
        {
            text.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        if (value.Seconds > 0)
        {
            text.Append(value.Seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        }

        var milliseconds = value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerMillisecond;
        if (milliseconds > 0)
        {
            text.Append(milliseconds.ToString(CultureInfo.InvariantCulture)).Append("ms");
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h|d))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)")]
    private static partial Regex Part();
}
