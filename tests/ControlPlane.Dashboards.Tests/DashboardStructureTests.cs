using System.Text.Json.Nodes;
using ControlPlane.Dashboards.Tests.Grafana;
using ControlPlane.Testing;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Dashboards.Tests;

/// <summary>
/// The dashboards import into Grafana 10+ unchanged: schema version, a uid of their own, the
/// datasource chosen through a <c>datasource</c> variable (never a datasource uid of one Grafana),
/// template variables from <c>label_values</c>, and provisioning that finds them.
/// </summary>
public sealed class DashboardStructureTests
{
    /// <summary>Grafana 10.0's schema version; older ones are migrated on import, i.e. changed.</summary>
    private const int MinimumSchemaVersion = 38;

    private static readonly IReadOnlyList<Dashboard> Dashboards = Dashboard.LoadAll();

    private static readonly HashSet<string> BuiltIns = ["__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms"];

    public static TheoryData<string> Files() => new(Dashboards.Select(d => d.FileName));

    [Fact]
    public void The_six_dashboards_of_the_issue_exist_with_distinct_uids_and_titles()
    {
        Assert.Equal(
            ["controlplane-cluster", "controlplane-dns", "controlplane-failover", "controlplane-overview", "controlplane-probes", "controlplane-webhooks"],
            Dashboards.Select(d => d.Uid).Order(StringComparer.Ordinal));
        Assert.Equal(Dashboards.Count, Dashboards.Select(d => d.Title).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_has_schema_version_uid_and_no_instance_id(string file)
    {
        var dashboard = Load(file);
        Assert.True((int?)dashboard.Json["schemaVersion"] >= MinimumSchemaVersion, $"{file}: schemaVersion {dashboard.Json["schemaVersion"]} < {MinimumSchemaVersion}");
        Assert.Matches("^[a-zA-Z0-9_-]{1,40}$", dashboard.Uid);
        Assert.False(string.IsNullOrWhiteSpace(dashboard.Title), $"{file}: no title");
        Assert.True(dashboard.Json["id"] is null, $"{file}: 'id' belongs to one Grafana database; provisioned dashboards have id null");
        Assert.False(dashboard.Json.ContainsKey("__inputs"), $"{file}: __inputs make an import ask for a datasource; the datasource variable chooses it");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Datasource_is_a_variable_of_type_datasource_and_every_reference_uses_it(string file)
    {
        var dashboard = Load(file);
        var variable = Assert.Single(dashboard.Variables(), v => v.Name == "datasource");
        Assert.Equal("datasource", variable.Type);
        Assert.Equal("prometheus", variable.Query);

        var references = DatasourceReferences(dashboard.Json).ToList();
        Assert.NotEmpty(references);
        foreach (var (where, reference) in references)
        {
            var uid = reference is JsonObject o ? (string?)o["uid"] : (string?)reference;
            var type = reference is JsonObject t ? (string?)t["type"] : null;
            var builtInAnnotations = type == "grafana" && uid == "-- Grafana --";
            Assert.True(
                builtInAnnotations || (uid == "${datasource}" && type is null or "prometheus"),
                $"{file}: {where} references datasource {reference?.ToJsonString()}; use {{\"type\": \"prometheus\", \"uid\": \"${{datasource}}\"}}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_panel_with_queries_names_the_datasource_and_has_distinct_ref_ids(string file)
    {
        var dashboard = Load(file);
        var ids = new HashSet<int>();
        foreach (var panel in dashboard.Panels())
        {
            var title = (string?)panel["title"];
            Assert.True(ids.Add((int?)panel["id"] ?? -1), $"{file}: panel '{title}' has no id or a duplicate one");
            Assert.NotNull(panel["gridPos"]);
            var targets = (panel["targets"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
            if (targets.Count == 0)
            {
                Assert.True((string?)panel["type"] is "row" or "text", $"{file}: panel '{title}' has no query");
                continue;
            }

            Assert.Equal("${datasource}", (string?)panel["datasource"]?["uid"]);
            Assert.Equal(targets.Count, targets.Select(t => (string?)t["refId"]).Distinct().Count());
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace((string?)t["expr"]), $"{file}: '{title}' {(string?)t["refId"]} has no expr"));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Query_variables_come_from_label_values_and_every_variable_used_is_defined(string file)
    {
        var dashboard = Load(file);
        var variables = dashboard.Variables();
        foreach (var variable in variables.Where(v => v.Type == "query"))
        {
            Assert.True(variable.LabelValues() is not null, $"{file}: variable {variable.Name} is '{variable.Query}', not label_values(selector, label)");
            Assert.Equal("${datasource}", (string?)variable.Json["datasource"]?["uid"]);
            Assert.True(variable.IncludeAll && variable.AllValue == ".*", $"{file}: variable {variable.Name} needs includeAll with allValue '.*' (every query matches it with =~)");
        }

        var defined = variables.Select(v => v.Name).ToHashSet();
        var exprs = dashboard.Queries().Select(q => (q.Key, q.Expr)).Concat(variables.Where(v => v.Query is not null).Select(v => ($"variable {v.Name}", v.Query!)));
        foreach (var (where, expr) in exprs)
        {
            foreach (var name in PromQlTemplate.VariablesIn(expr))
            {
                Assert.True(defined.Contains(name) || BuiltIns.Contains(name), $"{file}: {where} uses ${name}, which is not defined");
            }
        }

        foreach (var filter in new[] { "region", "service", "endpoint" })
        {
            var used = dashboard.Queries().Any(q => PromQlTemplate.VariablesIn(q.Expr).Contains(filter));
            Assert.True(!used || variables.Any(v => v.Name == filter && v.LabelValues()?.Label == filter), $"{file}: ${filter} is used but not label_values(..., {filter})");
        }
    }

    [Fact]
    public void The_dashboards_that_filter_by_entity_offer_region_service_and_endpoint()
    {
        foreach (var uid in new[] { "controlplane-overview", "controlplane-failover" })
        {
            var names = Dashboards.Single(d => d.Uid == uid).Variables().Select(v => v.Name).ToList();
            Assert.Superset(new HashSet<string> { "datasource", "region", "service", "endpoint" }, names.ToHashSet());
        }
    }

    [Fact]
    public void Provisioning_declares_a_prometheus_datasource_and_loads_the_dashboards_folder_compose_mounts()
    {
        var datasource = Yaml(RepositoryPaths.Of("grafana", "provisioning", "datasources", "prometheus.yml"));
        var source = Assert.IsType<YamlMappingNode>(Assert.Single(((YamlSequenceNode)datasource["datasources"]).Children));
        Assert.Equal("prometheus", source["type"].ToString());
        Assert.Equal("http://prometheus:9090", source["url"].ToString());

        var providers = Yaml(RepositoryPaths.Of("grafana", "provisioning", "dashboards", "controlplane.yml"));
        var provider = Assert.IsType<YamlMappingNode>(Assert.Single(((YamlSequenceNode)providers["providers"]).Children));
        Assert.Equal("file", provider["type"].ToString());
        var path = ((YamlMappingNode)provider["options"])["path"].ToString();
        Assert.Contains($"./grafana/dashboards:{path}:ro", File.ReadAllText(RepositoryPaths.Of("docker-compose.yml")), StringComparison.Ordinal);
    }

    private static Dashboard Load(string file) => Dashboards.Single(d => d.FileName == file);

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<(string Where, JsonNode? Reference)> DatasourceReferences(JsonNode? node, string where = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "datasource")
                    {
                        yield return ($"{where}.datasource", value);
                    }
                    else
                    {
                        foreach (var inner in DatasourceReferences(value, $"{where}.{key}"))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var inner in DatasourceReferences(a[i], $"{where}[{i}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
