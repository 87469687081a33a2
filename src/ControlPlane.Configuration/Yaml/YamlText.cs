using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Yaml;

/// <summary>How nodes and user text are shown inside error messages.</summary>
internal static class YamlText
{
    private const int MaxShown = 60;

    /// <summary>True for an explicit YAML null: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>What a node is, for "expected X, found Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a map",
        YamlScalarNode scalar when IsNull(scalar) => "nothing (null)",
        YamlScalarNode scalar => Quote(scalar.Value ?? string.Empty),
        _ => "an alias",
    };

    /// <summary>User text in quotes, shortened and with control characters escaped so a message stays one line.</summary>
    public static string Quote(string text)
    {
        var shown = new StringBuilder(Math.Min(text.Length, MaxShown) + 8).Append('\'');
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        if (text.Length > MaxShown)
        {
            shown.Append('…');
        }

        return shown.Append('\'').ToString();
    }

    /// <summary>A list of names for "allowed: a, b, c" messages, cut short when long.</summary>
    public static string List(IEnumerable<string> names, int max = 12)
    {
        var all = names.ToList();
        return all.Count <= max ? string.Join(", ", all) : string.Join(", ", all.Take(max)) + $", … ({all.Count - max} more)";
    }
}
