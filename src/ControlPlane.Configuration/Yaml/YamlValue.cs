using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Yaml;

/// <summary>A node with the path it was reached by and the position errors about it are reported at.</summary>
/// <param name="Path">For example <c>services[0].endpoints[1].address</c>.</param>
/// <param name="Node">The value.</param>
/// <param name="At">The field's key for a field, the item itself for a list item.</param>
internal readonly record struct YamlValue(string Path, YamlNode Node, Mark At)
{
    public YamlValue Item(int index, YamlNode node) => new(ConfigPath.Index(Path, index), node, node.Start);
}
