using System.Globalization;
using System.Text.RegularExpressions;

namespace ControlPlane.Dns.Route53;

/// <summary>Durations in settings: <c>500ms</c>, <c>2s</c>, <c>1.5m</c>, <c>1h</c>, or a bare number of seconds.</summary>
internal static partial class DurationSetting
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = match.Groups["u"].Value;
        var milliseconds = number * (unit switch
        {
            "ms" => 1,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 1000,
        });
        if (milliseconds > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(\.[0-9]+)?)\s*(?<u>ms|s|m|h)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
