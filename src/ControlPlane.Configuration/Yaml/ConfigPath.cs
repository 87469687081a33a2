using System.Globalization;

namespace ControlPlane.Configuration.Yaml;

/// <summary>Builds the paths errors are reported at: <c>services[1].endpoints[0].address</c>.</summary>
internal static class ConfigPath
{
    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Index(string parent, int index) =>
        $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
