using System.Net;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Dns.ZoneFile;

/// <summary>Creates <c>zonefile</c> providers.</summary>
public sealed class ZoneFileDnsProviderFactory : IDnsProviderFactory
{
    public string Type => "zonefile";

    public IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var key in settings.Keys.Where(k => !ZoneFileSettings.Keys.Contains(k)))
        {
            yield return (key, $"unknown setting for a zonefile provider; allowed: {string.Join(", ", ZoneFileSettings.Keys)}");
        }

        if (!settings.TryGetValue("zone", out var zone) || string.IsNullOrWhiteSpace(zone))
        {
            yield return ("zone", "is required (the zone origin, for example example.test.)");
        }
        else if (!zone.TrimEnd().EndsWith('.'))
        {
            yield return ("zone", $"'{zone}' must be fully qualified, with the trailing dot");
        }

        if (!settings.TryGetValue("path", out var path) || string.IsNullOrWhiteSpace(path))
        {
            yield return ("path", "is required (the zone file to write)");
        }

        if (settings.TryGetValue("postChangeTimeout", out var timeout) && Durations.Parse(timeout) is not { } parsed)
        {
            yield return ("postChangeTimeout", $"'{timeout}' is not a duration such as 10s");
        }

        if (settings.TryGetValue("nameServerAddress", out var address) && !IPAddress.TryParse(address, out _))
        {
            yield return ("nameServerAddress", $"'{address}' is not an IP address");
        }
    }

    public IDnsProvider Create(DnsProviderDefinition definition) =>
        new ZoneFileDnsProvider(definition.Id, ZoneFileSettings.From(definition.Settings));
}
