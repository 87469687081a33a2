using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads <c>assert</c> lists (conditions, parsed and type-checked here) and text templates.</summary>
internal static class ConditionReader
{
    /// <summary>Each item of the list at <paramref name="field"/>, parsed for <paramref name="scope"/>; a bad one is an error at its index.</summary>
    public static List<Condition> ReadAll(MappingReader map, string field, ConditionScope scope)
    {
        var conditions = new List<Condition>();
        foreach (var item in map.List(field, nonEmpty: true) ?? [])
        {
            if (ValueReader.NonEmptyText(item, map.Errors) is not { } text)
            {
                continue;
            }

            try
            {
                conditions.Add(ConditionParser.Parse(text, scope));
            }
            catch (ConditionSyntaxException e)
            {
                map.Errors.Add(item.Path, $"{YamlText.Quote(text)}: column {e.Column}: {e.Problem}", item.At);
            }
        }

        return conditions;
    }

    /// <summary>A template (<c>${var}</c>, <c>${env:NAME}</c>, <c>${file:/path}</c>); null and an error when a reference is malformed.</summary>
    public static TemplateText? Template(YamlValue value, ErrorList errors)
    {
        if (ValueReader.Text(value, errors) is not { } text)
        {
            return null;
        }

        var template = TemplateText.TryParse(text, out var problem, out var column);
        if (template is null)
        {
            errors.Add(value.Path, $"column {column}: {problem}", value.At);
        }

        return template;
    }
}
