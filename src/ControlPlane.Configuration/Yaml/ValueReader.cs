using System.Globalization;
using System.Net;
using ControlPlane.Configuration.Values;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Yaml;

/// <summary>
/// Converts one value to a typed value, or adds an error at the value's path and returns null.
/// Every conversion accepts a quoted or a plain scalar alike (<c>port: "80"</c> is a port).
/// </summary>
internal static class ValueReader
{
    public static string? Text(YamlValue value, ErrorList errors, string expected = "a single value")
    {
        if (value.Node is YamlScalarNode scalar)
        {
            return YamlText.IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
        }

        errors.Add(value.Path, $"must be {expected}, found {YamlText.Describe(value.Node)}", value.At);
        return null;
    }

    public static string? NonEmptyText(YamlValue value, ErrorList errors)
    {
        var text = Text(value, errors);
        if (text is not null && text.Trim().Length == 0)
        {
            errors.Add(value.Path, "must not be empty", value.At);
            return null;
        }

        return text;
    }

    public static string? Id(YamlValue value, ErrorList errors)
    {
        var text = NonEmptyText(value, errors);
        if (text is not null && !IdText.IsValid(text))
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not a valid id: {IdText.Rule}", value.At);
        }

        return text;
    }

    public static int? Integer(YamlValue value, ErrorList errors, int min, int max)
    {
        if (Text(value, errors, "a whole number") is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        var digits = trimmed.TrimStart('+', '-');
        if (digits.Length == 0 || trimmed.Length - digits.Length > 1 || !digits.All(char.IsAsciiDigit))
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not a whole number", value.At);
            return null;
        }

        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number < min || number > max)
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is out of range: {RangeText(min, max)}", value.At);
            return null;
        }

        return (int)number;
    }

    public static double? Number(YamlValue value, ErrorList errors, double min, double max)
    {
        if (Text(value, errors, "a number") is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not a number", value.At);
            return null;
        }

        if (number < min || number > max)
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is out of range: must be between {Format(min)} and {Format(max)}", value.At);
            return null;
        }

        return number;
    }

    public static bool? Bool(YamlValue value, ErrorList errors)
    {
        var text = Text(value, errors, "true or false")?.Trim();
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (text is not null)
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not true or false", value.At);
        }

        return null;
    }

    public static TimeSpan? Duration(YamlValue value, ErrorList errors, TimeSpan min, TimeSpan max)
    {
        if (Text(value, errors, "a duration such as 1s") is not { } text)
        {
            return null;
        }

        if (!DurationText.TryParse(text, max > DurationText.Max ? max : DurationText.Max, out var duration, out var problem))
        {
            errors.Add(value.Path, problem, value.At);
            return null;
        }

        if (duration < min || duration > max)
        {
            errors.Add(
                value.Path,
                $"{YamlText.Quote(text)} is out of range: must be between {DurationText.Format(min)} and {DurationText.Format(max)}",
                value.At);
            return null;
        }

        return duration;
    }

    /// <summary>One of a fixed set of words, matched without regard to case.</summary>
    public static T? Choice<T>(YamlValue value, ErrorList errors, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        var expected = "one of: " + string.Join(", ", choices.Select(c => c.Name));
        if (Text(value, errors, expected) is not { } text)
        {
            return null;
        }

        foreach (var (name, choice) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        errors.Add(value.Path, $"{YamlText.Quote(text)} is not {expected}", value.At);
        return null;
    }

    /// <summary>One of a fixed set of words, matched without regard to case; returns the word as listed.</summary>
    public static string? Word(YamlValue value, ErrorList errors, IReadOnlyList<string> words)
    {
        var index = Choice(value, errors, words.Select((word, i) => (word, i)).ToList());
        return index is { } i ? words[i] : null;
    }

    public static IPAddress? IpAddress(YamlValue value, ErrorList errors)
    {
        if (Text(value, errors, "an IP address") is not { } text)
        {
            return null;
        }

        if (!IpAddressText.TryParse(text.Trim(), out var address))
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not an IP address (write an IPv4 or IPv6 literal, not a host name)", value.At);
            return null;
        }

        return address;
    }

    public static IReadOnlyList<YamlValue>? List(YamlValue value, ErrorList errors, bool nonEmpty)
    {
        if (value.Node is not YamlSequenceNode sequence)
        {
            errors.Add(value.Path, $"must be a list, found {YamlText.Describe(value.Node)}", value.At);
            return null;
        }

        if (nonEmpty && sequence.Children.Count == 0)
        {
            errors.Add(value.Path, "must not be empty", value.At);
        }

        return sequence.Children.Select((node, index) => value.Item(index, node)).ToList();
    }

    private static string RangeText(int min, int max) =>
        $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
