using System.Text.RegularExpressions;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Configuration.Silo;

namespace ControlPlane.Configuration.Tests;

/// <summary>The YAML examples in docs/configuration.md must stay valid as the rules change.</summary>
public partial class DocumentationExampleTests
{
    [Fact]
    public void Yaml_examples_in_the_configuration_docs_are_valid()
    {
        var blocks = YamlBlock().Matches(File.ReadAllText(DocsPath())).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(2, blocks.Count);
        var cluster = ClusterDefinitionParser.Parse(blocks[0], "docs cluster example", TestZoneFileProviderFactory.Registered);
        Assert.True(cluster.IsValid, cluster.ToString());
        var silo = SiloSettingsParser.Parse(blocks[1], "docs silo example", Path.GetTempPath());
        Assert.True(silo.IsValid, silo.ToString());
    }

    internal static string DocsPath(string name = "configuration.md")
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ControlPlane.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return Path.Combine(folder.FullName, "docs", name);
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
