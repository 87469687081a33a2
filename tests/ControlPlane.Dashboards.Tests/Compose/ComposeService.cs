using YamlDotNet.RepresentationModel;

namespace ControlPlane.Dashboards.Tests.Compose;

/// <summary>One service of the resolved compose file (<c>docker-compose config</c>'s output: paths absolute, anchors merged).</summary>
internal sealed record ComposeService(
    string Name,
    string? Image,
    string? BuildContext,
    string? Dockerfile,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ComposeVolume> Volumes,
    IReadOnlyList<string> Ports,
    string? Address)
{
    public static ComposeService From(string name, YamlMappingNode node)
    {
        var build = Child(node, "build") as YamlMappingNode;
        var context = build is null ? null : Scalar(build, "context");
        return new(
            name,
            Scalar(node, "image"),
            context,
            build is null ? null : Path.Combine(context!, Scalar(build, "dockerfile") ?? "Dockerfile"),
            Strings(node, "command"),
            Strings(node, "entrypoint"),
            Child(node, "environment") is YamlMappingNode env ? env.Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal) : new Dictionary<string, string>(),
            Strings(node, "volumes").Select(ComposeVolume.Parse).ToList(),
            Strings(node, "ports"),
            Child(node, "networks") is YamlMappingNode networks
                ? networks.Children.Values.OfType<YamlMappingNode>().Select(n => Scalar(n, "ipv4_address")).FirstOrDefault(a => a is not null)
                : null);
    }

    /// <summary>The host path behind <paramref name="containerPath"/> through a bind mount, or null when no bind mount covers it.</summary>
    public string? HostPathOf(string containerPath)
    {
        var mount = Volumes.Where(v => v.IsBind && Covers(v.Target, containerPath)).MaxBy(v => v.Target.Length);
        return mount is null ? null : mount.Source + containerPath[mount.Target.Length..];
    }

    /// <summary>The volume or bind mount whose target holds <paramref name="containerPath"/>, or null.</summary>
    public ComposeVolume? MountOf(string containerPath) =>
        Volumes.Where(v => Covers(v.Target, containerPath)).MaxBy(v => v.Target.Length);

    private static bool Covers(string target, string path) =>
        path == target || path.StartsWith(target.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static List<string> Strings(YamlMappingNode node, string key) => Child(node, key) switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(c => c.ToString()).ToList(),
        YamlScalarNode scalar => [scalar.Value!],
        _ => [],
    };
}
