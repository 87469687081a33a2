using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ControlPlane.Dashboards.Tests.Grafana;

/// <summary>A dashboard's template variable: a datasource picker, or a query over label values.</summary>
internal sealed partial record TemplateVariable(string Name, string Type, string? Query, bool IncludeAll, string? AllValue, JsonObject Json)
{
    public static TemplateVariable From(JsonObject json)
    {
        var query = json["query"] switch
        {
            JsonObject q => (string?)q["query"],
            JsonValue v => (string?)v,
            _ => null,
        };
        return new((string?)json["name"] ?? string.Empty, (string?)json["type"] ?? string.Empty, query,
            (bool?)json["includeAll"] ?? false, (string?)json["allValue"], json);
    }

    /// <summary>For <c>label_values(selector, label)</c>: the selector and the label; null for other queries.</summary>
    public (string Match, string Label)? LabelValues()
    {
        if (Query is null || LabelValuesQuery().Match(Query) is not { Success: true } m)
        {
            return null;
        }

        return (m.Groups["match"].Value.Trim(), m.Groups["label"].Value);
    }

    [GeneratedRegex(@"^\s*label_values\((?<match>.+),\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValuesQuery();
}
