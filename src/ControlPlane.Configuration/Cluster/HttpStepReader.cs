using System.Text.RegularExpressions;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using Json.Pointer;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads <c>http.steps</c>: an ordered transaction whose steps share cookies and variables.</summary>
internal static class HttpStepReader
{
    private static readonly (string, ExtractionSource)[] Sources =
        [("jsonPointer", ExtractionSource.JsonPointer), ("jsonPath", ExtractionSource.JsonPointer), ("header", ExtractionSource.Header), ("regex", ExtractionSource.Regex)];

    public static List<HttpStepDefinition> ReadAll(IReadOnlyList<YamlValue> items, bool tls, TimeSpan timeout, ErrorList errors)
    {
        var steps = new List<HttpStepDefinition>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (MappingReader.Open(item, errors) is not { } map)
            {
                continue;
            }

            var name = map.Id("name") ?? string.Empty;
            if (name.Length > 0 && map.Field("name") is { } nameField && !names.TryAdd(name, nameField.Path))
            {
                errors.Add(nameField.Path, $"step {YamlText.Quote(name)} is already defined at {names[name]}", nameField.At);
            }

            var method = map.Word("method", HttpCheckReader.Methods) ?? "GET";
            var path = ReadTemplate(map, "path", variables);
            if (path is not null && map.Field("path") is { } pathField && !path.Text.StartsWith('/') && !path.Text.StartsWith("${", StringComparison.Ordinal))
            {
                errors.Add(pathField.Path, $"{YamlText.Quote(path.Text)} must start with '/'", pathField.At);
            }

            var headers = new Dictionary<string, TemplateText>(StringComparer.OrdinalIgnoreCase);
            if (map.Map("headers") is { } headerMap)
            {
                foreach (var (header, _, at) in HttpCheckReader.ReadHeaderFields(headerMap, errors))
                {
                    if (ConditionReader.Template(at, errors) is { } template)
                    {
                        CheckVariables(template, at, variables, errors);
                        headers[header] = template;
                    }
                }
            }

            var body = ReadTemplate(map, "body", variables);
            var stepTimeout = map.Duration("timeout", CheckReader.MinTimeout, DurationText.Max);
            if (stepTimeout > timeout && map.Field("timeout") is { } timeoutField)
            {
                errors.Add(timeoutField.Path, $"{DurationText.Format(stepTimeout.Value)} is longer than the check's timeout ({DurationText.Format(timeout)}), which bounds the whole transaction", timeoutField.At);
            }

            var assertions = ConditionReader.ReadAll(map, "assert", tls ? ConditionScope.Https : ConditionScope.Http);
            var extract = ReadExtractions(map.List("extract"), errors);
            map.RejectUnknown();
            foreach (var extraction in extract)
            {
                variables.Add(extraction.Variable);
            }

            steps.Add(new HttpStepDefinition
            {
                Name = name,
                Method = method,
                Path = path ?? TemplateText.Literal("/"),
                Headers = headers,
                Body = body,
                Timeout = stepTimeout,
                Assertions = assertions,
                Extract = extract,
            });
        }

        return steps;
    }

    private static TemplateText? ReadTemplate(MappingReader map, string field, HashSet<string> variables)
    {
        if (map.Field(field) is not { } value || ConditionReader.Template(value, map.Errors) is not { } template)
        {
            return null;
        }

        CheckVariables(template, value, variables, map.Errors);
        return template;
    }

    /// <summary>A variable must be extracted by an earlier step.</summary>
    private static void CheckVariables(TemplateText template, YamlValue at, HashSet<string> variables, ErrorList errors)
    {
        foreach (var variable in template.Variables.Where(v => !variables.Contains(v)).Distinct())
        {
            var known = variables.Count == 0 ? "no earlier step extracts any" : $"earlier steps extract: {YamlText.List(variables)}";
            errors.Add(at.Path, $"variable {YamlText.Quote(variable)} is not extracted by an earlier step ({known})", at.At);
        }
    }

    private static List<HttpExtraction> ReadExtractions(IReadOnlyList<YamlValue>? items, ErrorList errors)
    {
        var extractions = new List<HttpExtraction>();
        foreach (var item in items ?? [])
        {
            if (MappingReader.Open(item, errors) is not { } map)
            {
                continue;
            }

            var variable = map.Text("name", required: true);
            if (variable is not null && !TemplateText.IsVariableName(variable) && map.Field("name") is { } nameField)
            {
                errors.Add(nameField.Path, $"{YamlText.Quote(variable)} is not a variable name (a letter or _, then letters, digits, _)", nameField.At);
            }

            var given = Sources.Select(s => (s.Item1, s.Item2, Value: map.Field(s.Item1))).Where(s => s.Value is not null).ToList();
            map.RejectUnknown();
            if (given.Count != 1)
            {
                errors.Add(map.Path, $"give exactly one of jsonPointer, jsonPath, header, regex (found {(given.Count == 0 ? "none" : string.Join(", ", given.Select(g => g.Item1)))})", map.At);
                continue;
            }

            var (field, source, at) = (given[0].Item1, given[0].Item2, given[0].Value!.Value);
            if (ValueReader.NonEmptyText(at, errors) is not { } expression)
            {
                continue;
            }

            if (Compile(field, expression, at, errors) is { } compiled)
            {
                extractions.Add(new HttpExtraction(variable ?? string.Empty, source, expression, compiled.Pointer, compiled.Pattern));
            }
        }

        return extractions;
    }

    private static (JsonPointer? Pointer, Regex? Pattern)? Compile(string field, string expression, YamlValue at, ErrorList errors)
    {
        try
        {
            return field switch
            {
                "jsonPointer" => (JsonPointer.Parse(expression), null),
                "jsonPath" => (ConditionParser.ParseJsonPath(expression), null),
                "regex" => (null, CompileRegex(expression)),
                _ => (null, null),
            };
        }
        catch (ConditionSyntaxException e)
        {
            errors.Add(at.Path, $"{YamlText.Quote(expression)}: column {e.Column}: {e.Problem}", at.At);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or Json.Pointer.PointerParseException)
        {
            errors.Add(at.Path, $"{YamlText.Quote(expression)} is not a valid {(field == "regex" ? "regular expression" : "JSON Pointer (write /field/0/name)")}: {e.Message}", at.At);
        }

        return null;
    }

    private static Regex CompileRegex(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, ConditionParser.RegexTimeout);
        if (regex.GetGroupNumbers().Length < 2)
        {
            throw new ArgumentException("it needs a group, e.g. id=(\\d+), whose match becomes the value");
        }

        return regex;
    }
}
