using System.Globalization;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads the <c>composite</c> map of a composite check, and resolves its children once every check is read.</summary>
/// <remarks>Children may be defined before or after the composite; they must not be composite themselves.</remarks>
internal static class CompositeCheckReader
{
    /// <summary>What a composite check named, kept until all checks are read.</summary>
    public sealed record Pending(string CheckId, IReadOnlyList<(string Id, YamlValue At)> Children, CompositeRule Rule, int AtLeast, YamlValue? RequireAt);

    public static Pending? Read(string? checkId, MappingReader? map, YamlValue checkAt, ErrorList errors)
    {
        if (map is null)
        {
            errors.Add(ConfigPath.Field(checkAt.Path, "composite"), "is required for a composite check: composite: {checks: [a, b], require: all}", checkAt.At);
            return null;
        }

        var children = new List<(string, YamlValue)>();
        foreach (var item in map.List("checks", required: true, nonEmpty: true) ?? [])
        {
            if (ValueReader.Id(item, errors) is { } id)
            {
                children.Add((id, item));
            }
        }

        var (rule, atLeast) = (CompositeRule.All, 0);
        var requireAt = map.Field("require");
        if (requireAt is { } at && ValueReader.NonEmptyText(at, errors) is { } require)
        {
            (rule, atLeast) = require.Trim().ToLowerInvariant() switch
            {
                "all" => (CompositeRule.All, 0),
                "any" => (CompositeRule.Any, 0),
                var n when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => (CompositeRule.AtLeast, count),
                _ => Bad(errors, at, require),
            };
        }

        map.RejectUnknown();
        return checkId is null ? null : new Pending(checkId, children, rule, atLeast, requireAt);
    }

    /// <summary>Replaces each composite check by one holding its resolved children.</summary>
    /// <remarks>A composite with a tcp child that names no port needs a port on each endpoint, as a tcp check does.</remarks>
    public static List<CheckDefinition> Resolve(List<CheckDefinition> checks, ClusterReadContext context)
    {
        var (pending, errors) = (context.PendingComposites, context.Errors);
        var byId = checks.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var composite in pending)
        {
            var children = new List<CheckDefinition>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, at) in composite.Children)
            {
                if (!seen.Add(id))
                {
                    errors.Add(at.Path, $"check {YamlText.Quote(id)} is listed twice", at.At);
                }
                else if (id == composite.CheckId)
                {
                    errors.Add(at.Path, "a composite check cannot contain itself", at.At);
                }
                else if (!byId.TryGetValue(id, out var child))
                {
                    errors.Add(at.Path, $"check {YamlText.Quote(id)} is not defined (defined: {YamlText.List(byId.Keys)})", at.At);
                }
                else if (child.Kind == CheckKind.Composite)
                {
                    errors.Add(at.Path, $"check {YamlText.Quote(id)} is itself composite; list its children here instead", at.At);
                }
                else
                {
                    children.Add(child);
                }
            }

            if (composite.Rule == CompositeRule.AtLeast && composite.RequireAt is { } requireAt
                && (composite.AtLeast < 1 || composite.AtLeast > composite.Children.Count))
            {
                errors.Add(requireAt.Path, string.Create(CultureInfo.InvariantCulture, $"{composite.AtLeast} is out of range: must be between 1 and the number of checks ({composite.Children.Count})"), requireAt.At);
            }

            if (children.Any(c => c is { Kind: CheckKind.Tcp, Port: null }))
            {
                context.CheckSummaries[composite.CheckId] = new CheckSummary(CheckKind.Tcp, null);
            }

            var index = checks.FindIndex(c => c.Id == composite.CheckId && c.Kind == CheckKind.Composite);
            if (index >= 0)
            {
                var timeout = children.Count == 0 ? checks[index].Timeout : children.Max(c => c.Timeout);
                checks[index] = checks[index] with
                {
                    Timeout = timeout > checks[index].Timeout ? timeout : checks[index].Timeout,
                    Composite = new CompositeCheckDefinition { Checks = children, Rule = composite.Rule, AtLeast = composite.AtLeast },
                };
            }
        }

        return checks;
    }

    private static (CompositeRule, int) Bad(ErrorList errors, YamlValue at, string require)
    {
        errors.Add(at.Path, $"{YamlText.Quote(require)} is not all, any or a number of checks", at.At);
        return (CompositeRule.All, 0);
    }
}
