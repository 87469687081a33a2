using ControlPlane.Core.Definitions;
using ControlPlane.Dns;

namespace ControlPlane.Configuration.Tests;

/// <summary>A stand-in provider type for the tests: needs <c>zone</c> (with a trailing dot) and <c>path</c>, nothing else.</summary>
internal sealed class TestZoneFileProviderFactory : IDnsProviderFactory
{
    public static IReadOnlyList<IDnsProviderFactory> Registered { get; } = [new TestZoneFileProviderFactory()];

    public string Type => "zonefile";

    public IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue("zone", out var zone))
        {
            yield return ("zone", "is required");
        }
        else if (!zone.EndsWith('.'))
        {
            yield return ("zone", $"'{zone}' must end with a dot");
        }

        if (!settings.ContainsKey("path"))
        {
            yield return ("path", "is required");
        }

        foreach (var key in settings.Keys.Where(k => k is not ("zone" or "path")))
        {
            yield return (key, $"unknown setting '{key}' (allowed: zone, path)");
        }
    }

    public IDnsProvider Create(DnsProviderDefinition definition) =>
        throw new NotSupportedException("the test factory only validates settings");
}
