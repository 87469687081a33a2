using System.Text.RegularExpressions;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads the <c>http</c> map of an http or https check.</summary>
internal static class HttpCheckReader
{
    public static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>Fields of a single request that a transaction's steps replace.</summary>
    private static readonly string[] RequestFields =
        ["method", "path", "headers", "body", "expectStatus", "bodyContains", "bodyRegex", "maxLatency"];

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
        var body = map.Field("body") is { } bodyField ? ConditionReader.Template(bodyField, errors) : null;
        if (body is not null && map.Field("body") is { } b)
        {
            RejectVariables(body, b, errors);
        }

        var followRedirects = map.Bool("followRedirects");
        var steps = map.List("steps", nonEmpty: true) is { } stepItems
            ? HttpStepReader.ReadAll(stepItems, tls == true, timeout, errors)
            : [];
        if (steps.Count > 0)
        {
            foreach (var name in RequestFields)
            {
                if (map.Field(name) is { } field)
                {
                    errors.Add(field.Path, "a transaction's steps carry their own requests and assertions; move this into a step", field.At);
                }
            }
        }

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
            Body = body,
            FollowRedirects = followRedirects ?? defaults.FollowRedirects,
            Steps = steps,
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
        foreach (var (name, text, at) in map is null ? [] : ReadHeaderFields(map, errors))
        {
            // Secrets (${env:...}, ${file:...}) are resolved by the probing silo when it sends the request.
            if (ConditionReader.Template(at, errors) is { } template)
            {
                RejectVariables(template, at, errors);
            }

            headers[name] = text;
        }

        return headers;
    }

    private static void RejectVariables(TemplateText template, YamlValue at, ErrorList errors)
    {
        if (template.Variables.FirstOrDefault() is { } variable)
        {
            errors.Add(at.Path, $"variable {YamlText.Quote(variable)} needs a transaction: only steps can use values extracted by earlier steps", at.At);
        }
    }

    /// <summary>Each header of a <c>headers</c> map, checked for a valid name and value and reported when given twice.</summary>
    public static List<(string Name, string Text, YamlValue At)> ReadHeaderFields(MappingReader map, ErrorList errors)
    {
        var fields = new List<(string, string, YamlValue)>();
        var headers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
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

            if (!headers.Add(name))
            {
                errors.Add(value.Path, $"header {YamlText.Quote(name)} is given twice (header names ignore case)", value.At);
            }
            else if (text is not null)
            {
                fields.Add((name, text, value));
            }
        }

        map.RejectUnknown();
        return fields;
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
