using System.Text.RegularExpressions;

namespace ControlPlane.Dashboards.Tests.Grafana;

/// <summary>
/// Grafana's interpolation of a PromQL expression: <c>$name</c>, <c>${name}</c> and <c>[[name]]</c>
/// replaced by the variable's value, the built-in interval and range variables included.
/// </summary>
internal static partial class PromQlTemplate
{
    /// <summary>The expression with every variable replaced; an unknown variable is an error naming it.</summary>
    public static string Expand(string expr, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(expr, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Success ? m.Groups["plain"].Value : m.Groups["old"].Value;
            return values.TryGetValue(name, out var value)
                ? value
                : throw new KeyNotFoundException($"'{expr}' uses ${name}, which is neither a variable of the dashboard nor a built-in one");
        });

    /// <summary>The names of the variables <paramref name="expr"/> uses.</summary>
    public static IEnumerable<string> VariablesIn(string expr) =>
        Variable().Matches(expr).Select(m => m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Success ? m.Groups["plain"].Value : m.Groups["old"].Value);

    /// <summary>A value as Grafana puts a single selected value into a regex matcher (<c>=~"$x"</c>): regex characters escaped.</summary>
    public static string RegexValue(string value) => Regex.Escape(value).Replace(@"\", @"\\", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\{(?<braced>[a-zA-Z_][a-zA-Z0-9_]*)(?::[a-z]+)?\}|\$(?<plain>[a-zA-Z_][a-zA-Z0-9_]*)|\[\[(?<old>[a-zA-Z_][a-zA-Z0-9_]*)\]\]")]
    private static partial Regex Variable();
}
