using System.Net;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Yaml;

/// <summary>
/// Reads the fields of one YAML map by name, remembering every name asked for, so that
/// <see cref="RejectUnknown"/> can report each field nobody asked for together with the
/// fields that are allowed there.
/// </summary>
/// <remarks>
/// A field written with no value (<c>field:</c>, <c>~</c>, <c>null</c>) counts as absent, so
/// its default applies. Errors about a field are reported at its key; a missing required field
/// is reported at the start of the map that lacks it.
/// </remarks>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _allowed = [];
    private readonly ErrorList _errors;

    private MappingReader(YamlValue value, YamlMappingNode node, ErrorList errors)
    {
        Path = value.Path;
        At = value.At;
        _errors = errors;
        foreach (var (key, child) in node.Children)
        {
            // Non-scalar keys were already reported by YamlDocumentLoader.
            if (key is YamlScalarNode { Value: { } name } scalarKey)
            {
                _fields.TryAdd(name, (scalarKey, child));
            }
        }
    }

    public string Path { get; }

    public Mark At { get; }

    public ErrorList Errors => _errors;

    /// <summary>A reader for <paramref name="value"/>, or null (and an error) when it is not a map.</summary>
    public static MappingReader? Open(YamlValue value, ErrorList errors)
    {
        if (value.Node is YamlMappingNode node)
        {
            return new MappingReader(value, node, errors);
        }

        var subject = value.Path.Length == 0 ? "the document " : string.Empty;
        errors.Add(value.Path, $"{subject}must be a map of fields, found {YamlText.Describe(value.Node)}", value.At);
        return null;
    }

    /// <summary>The field's value, or null when it is absent or has no value.</summary>
    public YamlValue? Field(string name)
    {
        if (!_allowed.Contains(name))
        {
            _allowed.Add(name);
        }

        if (!_fields.TryGetValue(name, out var field) || YamlText.IsNull(field.Value))
        {
            return null;
        }

        return new YamlValue(ConfigPath.Field(Path, name), field.Value, field.Key.Start);
    }

    /// <summary>The field's value, or null and a "required" error.</summary>
    public YamlValue? Required(string name)
    {
        var value = Field(name);
        if (value is null)
        {
            var present = _fields.TryGetValue(name, out var field);
            _errors.Add(ConfigPath.Field(Path, name), present ? "is required but has no value" : "is required", present ? field.Key.Start : At);
        }

        return value;
    }

    public string? Text(string name, bool required = false) =>
        Get(name, required) is { } value ? ValueReader.NonEmptyText(value, _errors) : null;

    public string? Id(string name = "id", bool required = true) =>
        Get(name, required) is { } value ? ValueReader.Id(value, _errors) : null;

    public int? Integer(string name, int min, int max, bool required = false) =>
        Get(name, required) is { } value ? ValueReader.Integer(value, _errors, min, max) : null;

    public double? Number(string name, double min, double max) =>
        Field(name) is { } value ? ValueReader.Number(value, _errors, min, max) : null;

    public bool? Bool(string name) => Field(name) is { } value ? ValueReader.Bool(value, _errors) : null;

    public TimeSpan? Duration(string name, TimeSpan min, TimeSpan max, bool required = false) =>
        Get(name, required) is { } value ? ValueReader.Duration(value, _errors, min, max) : null;

    public T? Choice<T>(string name, IReadOnlyList<(string Name, T Value)> choices, bool required = false)
        where T : struct =>
        Get(name, required) is { } value ? ValueReader.Choice(value, _errors, choices) : null;

    public string? Word(string name, IReadOnlyList<string> words, bool required = false) =>
        Get(name, required) is { } value ? ValueReader.Word(value, _errors, words) : null;

    public IPAddress? IpAddress(string name, bool required = false) =>
        Get(name, required) is { } value ? ValueReader.IpAddress(value, _errors) : null;

    public MappingReader? Map(string name, bool required = false) =>
        Get(name, required) is { } value ? Open(value, _errors) : null;

    public IReadOnlyList<YamlValue>? List(string name, bool required = false, bool nonEmpty = false) =>
        Get(name, required) is { } value ? ValueReader.List(value, _errors, nonEmpty) : null;

    /// <summary>Every field not asked for so far, which then counts as known (for free-form maps).</summary>
    public IReadOnlyList<(string Name, YamlValue Value)> TakeRest()
    {
        var rest = new List<(string, YamlValue)>();
        foreach (var (name, field) in _fields)
        {
            if (!_allowed.Contains(name))
            {
                _allowed.Add(name);
                rest.Add((name, new YamlValue(ConfigPath.Field(Path, name), field.Value, field.Key.Start)));
            }
        }

        return rest;
    }

    /// <summary>Reports every field that was never asked for, naming the allowed ones.</summary>
    public void RejectUnknown()
    {
        foreach (var (name, field) in _fields)
        {
            if (_allowed.Contains(name))
            {
                continue;
            }

            var suggestion = Suggest(name);
            var hint = suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
            _errors.Add(
                ConfigPath.Field(Path, name),
                $"unknown field {YamlText.Quote(name)} (allowed here: {string.Join(", ", _allowed)}){hint}",
                field.Key.Start);
        }
    }

    private YamlValue? Get(string name, bool required) => required ? Required(name) : Field(name);

    private string? Suggest(string name) =>
        _allowed
            .Select(allowed => (allowed, distance: Distance(allowed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.distance <= Math.Max(1, Math.Min(3, c.allowed.Length / 4)))
            .OrderBy(c => c.distance)
            .Select(c => c.allowed)
            .FirstOrDefault();

    /// <summary>Levenshtein distance; field names are short, so the quadratic table is tiny.</summary>
    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
