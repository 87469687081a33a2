using System.Text.RegularExpressions;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads the <c>http</c> map of an http or https check.</summary>
internal static class HttpCheckReader
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "OPTIONS"];

    private const int MaxCertificateDays = 3650;

    /// <param name="tls">True for https, false for http, null when the check's type is itself invalid.</param>
    /// <param name="timeout">The check's timeout; a longer <c>maxLatency</c> could never trigger.</param>
    public static HttpCheckDefinition? Read(YamlValue value, bool? tls, TimeSpan timeout, ErrorList errors)
    {
        if (MappingReader.Open(value, errors) is not { } map)
        {
            return null;
        }

        var defaults = new HttpCheckDefinition();
        var method = map.Word("method", Methods) ?? defaults.Method;
        var path = ReadPath(map) ?? defaults.Path;
        var headers = ReadHeaders(map.Map("headers"), errors);
        var expected = ReadExpectedStatus(map.List("expectStatus", nonEmpty: true), errors) ?? defaults.ExpectedStatus;
        var bodyContains = map.Text("bodyContains");
        var bodyRegex = ReadRegex(map);
        if (method == "HEAD" && (bodyContains is not null || bodyRegex is not null))
        {
            var field = map.Field("bodyContains") ?? map.Field("bodyRegex");
            errors.Add(field!.Value.Path, "a HEAD response has no body to match; use GET", field.Value.At);
        }

        var maxLatency = map.Duration("maxLatency", CheckReader.MinTimeout, DurationText.Max);
        if (maxLatency > timeout && map.Field("maxLatency") is { } latencyField)
        {
            errors.Add(latencyField.Path, $"{DurationText.Format(maxLatency.Value)} is longer than the check's timeout ({DurationText.Format(timeout)}), so it could never fail a check", latencyField.At);
        }

        var validateCertificate = map.Bool("validateCertificate");
        var minDays = map.Integer("certificateMinDaysValid", 0, MaxCertificateDays);
        if (tls == false)
        {
            foreach (var name in new[] { "validateCertificate", "certificateMinDaysValid" })
            {
                if (map.Field(name) is { } field)
                {
                    errors.Add(field.Path, "applies only to https checks; this check's type is http", field.At);
                }
            }
        }

        var freshConnection = map.Bool("freshConnection");
        map.RejectUnknown();
        return new HttpCheckDefinition
        {
            Method = method,
            Path = path,
            Headers = headers,
            ExpectedStatus = expected,
            BodyContains = bodyContains,
            BodyRegex = bodyRegex,
            MaxLatency = maxLatency,
            ValidateCertificate = validateCertificate ?? defaults.ValidateCertificate,
            CertificateMinDaysValid = minDays ?? defaults.CertificateMinDaysValid,
            FreshConnection = freshConnection ?? defaults.FreshConnection,
        };
    }

    private static string? ReadPath(MappingReader map)
    {
        var path = map.Text("path");
        if (path is null || map.Field("path") is not { } field)
        {
            return null;
        }

        if (!path.StartsWith('/'))
        {
            map.Errors.Add(field.Path, $"{YamlText.Quote(path)} must start with '/'", field.At);
        }
        else if (path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            map.Errors.Add(field.Path, $"{YamlText.Quote(path)} must not contain spaces or control characters (percent-encode them)", field.At);
        }

        return path;
    }

    private static Dictionary<string, string> ReadHeaders(MappingReader? map, ErrorList errors)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (map is null)
        {
            return headers;
        }

        foreach (var (name, value) in map.TakeRest())
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                errors.Add(value.Path, $"{YamlText.Quote(name)} is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)", value.At);
            }

            var text = ValueReader.Text(value, errors);
            if (text is not null && text.Any(c => c is '\r' or '\n' or '\0'))
            {
                errors.Add(value.Path, "a header value must not contain line breaks or NUL characters", value.At);
            }

            if (!headers.TryAdd(name, text ?? string.Empty))
            {
                errors.Add(value.Path, $"header {YamlText.Quote(name)} is given twice (header names ignore case)", value.At);
            }
        }

        map.RejectUnknown();
        return headers;
    }

    private static List<StatusRange>? ReadExpectedStatus(IReadOnlyList<YamlValue>? items, ErrorList errors)
    {
        if (items is null || items.Count == 0)
        {
            return null;
        }

        var ranges = new List<StatusRange>(items.Count);
        foreach (var item in items)
        {
            if (ValueReader.Text(item, errors, "a status code or range") is not { } text)
            {
                continue;
            }

            if (StatusRangeText.TryParse(text, out var range, out var problem))
            {
                ranges.Add(range);
            }
            else
            {
                errors.Add(item.Path, problem, item.At);
            }
        }

        return ranges;
    }

    private static string? ReadRegex(MappingReader map)
    {
        var pattern = map.Text("bodyRegex");
        if (pattern is null || map.Field("bodyRegex") is not { } field)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            map.Errors.Add(field.Path, $"{YamlText.Quote(pattern)} is not a valid regular expression: {e.Message}", field.At);
        }

        return pattern;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
