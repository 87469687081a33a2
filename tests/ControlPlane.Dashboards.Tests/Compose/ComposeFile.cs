using ControlPlane.Testing;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Dashboards.Tests.Compose;

/// <summary>docker-compose.yml as <c>docker-compose config</c> resolves it (Debian's docker-compose 1.29; no Docker engine needed).</summary>
internal sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services, IReadOnlyList<string> namedVolumes)
    {
        Services = services;
        NamedVolumes = namedVolumes;
    }

    public static string Path => RepositoryPaths.Of("docker-compose.yml");

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public IReadOnlyList<string> NamedVolumes { get; }

    public ComposeService this[string name] => Services.TryGetValue(name, out var service) ? service : throw new KeyNotFoundException($"docker-compose.yml has no service {name}");

    /// <summary>Runs <c>docker-compose -f docker-compose.yml config</c>; fails with its output when it refuses the file.</summary>
    public static async Task<ComposeFile> ResolveAsync()
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(Tools.DockerCompose, ["-f", Path, "config"], timeout: TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"docker-compose config exited with {exit}:\n{stderr}\n{stdout}");
        var stream = new YamlStream();
        using var reader = new StringReader(stdout);
        stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var services = ((YamlMappingNode)root["services"]).Children
            .ToDictionary(s => s.Key.ToString(), s => ComposeService.From(s.Key.ToString(), (YamlMappingNode)s.Value), StringComparer.Ordinal);
        var volumes = root.Children.TryGetValue(new YamlScalarNode("volumes"), out var v) && v is YamlMappingNode map
            ? map.Children.Keys.Select(k => k.ToString()).ToList()
            : [];
        return new ComposeFile(services, volumes);
    }
}
