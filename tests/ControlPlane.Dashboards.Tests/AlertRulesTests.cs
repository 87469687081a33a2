using ControlPlane.Testing;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Dashboards.Tests;

/// <summary>deploy/prometheus/rules.yml passes <c>promtool check rules</c> and its unit tests, and every alert has one.</summary>
public sealed class AlertRulesTests
{
    private static readonly string Folder = RepositoryPaths.Of("deploy", "prometheus");

    /// <summary>The conditions docs/metrics.md names, and those of issue 12.</summary>
    public static readonly string[] ExpectedAlerts =
    [
        "ControlPlaneQuorumAlert", "ControlPlaneServiceFailedOpen", "ControlPlaneDnsChangeFailed", "ControlPlaneDnsDrift",
        "ControlPlaneChangeHeld", "ControlPlaneEndpointUnhealthy", "ControlPlaneProbeLagHigh", "ControlPlaneSiloDown",
        "ControlPlaneDefinitionVersionsDiffer",
    ];

    [Fact]
    public async Task Rules_pass_promtool_check_rules()
    {
        var (exit, output) = await Tools.RunAsync(Tools.Promtool, "check", "rules", Path.Combine(Folder, "rules.yml"));
        Assert.True(exit == 0, output);
        Assert.Contains($"SUCCESS: {ExpectedAlerts.Length} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_pass_their_promtool_unit_tests()
    {
        var (exit, output) = await Tools.RunAsync(Tools.Promtool, "test", "rules", Path.Combine(Folder, "rules.test.yml"));
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_is_unit_tested_firing_and_silent()
    {
        var rules = Load("rules.yml");
        var alerts = ((YamlSequenceNode)rules["groups"]).Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>())
            .Select(r => r["alert"].ToString()).ToList();
        Assert.Equal(ExpectedAlerts.Order(StringComparer.Ordinal), alerts.Order(StringComparer.Ordinal));

        var cases = ((YamlSequenceNode)Load("rules.test.yml")["tests"]).Children.Cast<YamlMappingNode>()
            .SelectMany(t => ((YamlSequenceNode)t["alert_rule_test"]).Children.Cast<YamlMappingNode>())
            .Select(c => (Alert: c["alertname"].ToString(), Fires: ((YamlSequenceNode)c["exp_alerts"]).Children.Count > 0))
            .ToList();
        foreach (var alert in alerts)
        {
            Assert.True(cases.Contains((alert, true)), $"rules.test.yml has no case in which {alert} fires");
            Assert.True(cases.Contains((alert, false)), $"rules.test.yml has no case in which {alert} stays silent");
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Folder, file)));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
