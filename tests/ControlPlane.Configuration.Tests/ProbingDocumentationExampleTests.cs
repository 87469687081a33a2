using System.Text.RegularExpressions;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Tests;

/// <summary>The example in docs/probing.md parses, and reads as the document says.</summary>
public partial class ProbingDocumentationExampleTests
{
    [Fact]
    public void The_probing_example_with_every_check_kind_is_valid()
    {
        var yaml = Assert.Single(YamlBlock().Matches(File.ReadAllText(DocumentationExampleTests.DocsPath("probing.md"))).Select(m => m.Groups[1].Value));

        var result = ClusterDefinitionParser.Parse(yaml, "docs probing example", TestZoneFileProviderFactory.Registered);

        Assert.True(result.IsValid, result.ToString());
        var checks = result.Value!.Checks.ToDictionary(c => c.Id);
        var transaction = checks["login-and-read"];
        Assert.Equal(TimeSpan.FromSeconds(2), transaction.EffectiveFastInterval);
        Assert.Equal(["login", "read-order"], transaction.Http!.Steps.Select(s => s.Name));
        Assert.Equal(["token", "orderId"], transaction.Http.Steps[0].Extract.Select(e => e.Variable));
        Assert.Equal("/orders/0/id", transaction.Http.Steps[0].Extract[1].Pointer!.Value.ToString());
        Assert.Equal(["orderId"], transaction.Http.Steps[1].Path.Variables);
        Assert.Equal(TemplatePartKind.Environment, transaction.Http.Steps[0].Body!.Parts[1].Kind);
        Assert.Equal(5, transaction.Http.Steps[1].Assertions.Count);
        Assert.Equal(TimeSpan.FromSeconds(2.5), checks["health"].EffectiveFastInterval);
        Assert.Equal(TimeSpan.FromDays(21), checks["cert"].Tls!.WarnBefore);
        Assert.Equal(DnsRecordType.A, checks["zone"].Dns!.Type);
        Assert.Equal("shop.Orders", checks["orders-grpc"].Grpc!.Service);
        var composite = checks["shop"].Composite!;
        Assert.Equal(["health", "cert", "orders-grpc"], composite.Checks.Select(c => c.Id));
        Assert.Equal(2, composite.Required);
        Assert.Equal(CheckKind.Composite, checks["shop"].Kind);
    }

    [Fact]
    public void A_secret_stays_a_reference_in_the_parsed_definition()
    {
        Environment.SetEnvironmentVariable("SHOP_PROBE_PASSWORD", "hunter2-secret");
        var yaml = Assert.Single(YamlBlock().Matches(File.ReadAllText(DocumentationExampleTests.DocsPath("probing.md"))).Select(m => m.Groups[1].Value));

        var check = ClusterDefinitionParser.Parse(yaml, "docs", TestZoneFileProviderFactory.Registered).Value!.Checks[0];

        Assert.Contains("${env:SHOP_PROBE_PASSWORD}", check.Http!.Steps[0].Body!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", check.Http.Steps[0].Body!.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
