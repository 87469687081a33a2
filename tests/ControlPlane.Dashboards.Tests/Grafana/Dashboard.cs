using System.Text.Json.Nodes;
using ControlPlane.Testing;

namespace ControlPlane.Dashboards.Tests.Grafana;

/// <summary>One dashboard JSON file of grafana/dashboards/, read as Grafana would import it.</summary>
internal sealed class Dashboard
{
    private Dashboard(string path, JsonObject json)
    {
        Path = path;
        Json = json;
    }

    public static string Folder => RepositoryPaths.Of("grafana", "dashboards");

    public string Path { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    public JsonObject Json { get; }

    public string Uid => (string?)Json["uid"] ?? string.Empty;

    public string Title => (string?)Json["title"] ?? string.Empty;

    public static IReadOnlyList<Dashboard> LoadAll() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => new Dashboard(f, JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .ToList();

    /// <summary>Every panel, those inside rows included.</summary>
    public IEnumerable<JsonObject> Panels() => Flatten(Json["panels"]?.AsArray() ?? []);

    public IReadOnlyList<TemplateVariable> Variables() =>
        (Json["templating"]?["list"]?.AsArray() ?? []).OfType<JsonObject>().Select(TemplateVariable.From).ToList();

    /// <summary>Every PromQL expression: each panel target's, and each Prometheus annotation's.</summary>
    public IEnumerable<PanelQuery> Queries()
    {
        foreach (var panel in Panels())
        {
            foreach (var target in (panel["targets"]?.AsArray() ?? []).OfType<JsonObject>())
            {
                yield return new PanelQuery(Uid, (string?)panel["title"] ?? "?", (string?)target["refId"] ?? "?", (string?)target["expr"] ?? string.Empty);
            }
        }

        foreach (var annotation in (Json["annotations"]?["list"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            if ((string?)annotation["expr"] is { } expr)
            {
                yield return new PanelQuery(Uid, $"annotation {(string?)annotation["name"]}", "annotation", expr);
            }
        }
    }

    public override string ToString() => FileName;

    private static IEnumerable<JsonObject> Flatten(JsonArray panels)
    {
        foreach (var panel in panels.OfType<JsonObject>())
        {
            yield return panel;
            foreach (var inner in Flatten(panel["panels"]?.AsArray() ?? []))
            {
                yield return inner;
            }
        }
    }
}
