using System.Text.RegularExpressions;

namespace ControlPlane.Configuration.Values;

/// <summary>Ids of regions, datacenters, checks, providers, services, endpoints and silos.</summary>
internal static partial class IdText
{
    public const string Rule = "use 1-63 lowercase letters, digits and '-', starting with a letter or digit";

    public static bool IsValid(string text) => Pattern().IsMatch(text);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,62})$")]
    private static partial Regex Pattern();
}
