using System.Globalization;
using System.Text.RegularExpressions;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Values;

/// <summary>Accepted HTTP statuses: <c>200</c>, <c>"200-299"</c> or <c>"2xx"</c>, all within 100..599.</summary>
internal static partial class StatusRangeText
{
    public static bool TryParse(string text, out StatusRange range, out string error)
    {
        range = default;
        error = string.Empty;
        var trimmed = text.Trim();
        int from, to;
        if (Single().Match(trimmed) is { Success: true } single)
        {
            from = to = int.Parse(single.Value, CultureInfo.InvariantCulture);
        }
        else if (Span().Match(trimmed) is { Success: true } span)
        {
            from = int.Parse(span.Groups[1].Value, CultureInfo.InvariantCulture);
            to = int.Parse(span.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        else if (Class().Match(trimmed) is { Success: true } cls)
        {
            from = (cls.Groups[1].Value[0] - '0') * 100;
            to = from + 99;
        }
        else
        {
            error = $"{Yaml.YamlText.Quote(text)} is not a status code or range (write 200, \"200-299\" or \"2xx\")";
            return false;
        }

        if (from < 100 || to > 599)
        {
            error = $"{Yaml.YamlText.Quote(text)} is outside the HTTP status codes 100..599";
            return false;
        }

        if (from > to)
        {
            error = $"{Yaml.YamlText.Quote(text)} is an empty range: its start is above its end";
            return false;
        }

        range = new StatusRange(from, to);
        return true;
    }

    [GeneratedRegex("^[0-9]{1,4}$")]
    private static partial Regex Single();

    [GeneratedRegex(@"^([0-9]{1,4})\s*-\s*([0-9]{1,4})$")]
    private static partial Regex Span();

    [GeneratedRegex("^([1-5])[xX]{2}$")]
    private static partial Regex Class();
}
