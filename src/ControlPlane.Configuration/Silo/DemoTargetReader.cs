using System.Globalization;
using System.Net;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;

namespace ControlPlane.Configuration.Silo;

/// <summary>Reads <c>demoTargets</c>: loopback-only HTTP targets for the offline demo.</summary>
internal static class DemoTargetReader
{
    public static List<DemoTargetSettings> ReadAll(IReadOnlyList<YamlValue>? items, ErrorList errors)
    {
        var targets = new List<DemoTargetSettings>();
        var names = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        var listeners = new Dictionary<IPEndPoint, YamlValue>();
        foreach (var item in items ?? [])
        {
            if (MappingReader.Open(item, errors) is not { } map)
            {
                continue;
            }

            var name = map.Id("name");
            if (name is not null && map.Field("name") is { } nameField && !names.TryAdd(name, nameField))
            {
                errors.Add(nameField.Path, $"duplicate demo target name {YamlText.Quote(name)}: already used at {names[name].Path} (line {names[name].At.Line})", nameField.At);
            }

            var listen = map.Required("listen") is { } listenField ? ReadLoopbackEndpoint(listenField, errors) : null;
            if (listen is not null && map.Field("listen") is { } where && !listeners.TryAdd(listen, where))
            {
                errors.Add(where.Path, $"{listen} is already used by {listeners[listen].Path} (line {listeners[listen].At.Line})", where.At);
            }

            map.RejectUnknown();
            if (name is not null && listen is not null)
            {
                targets.Add(new DemoTargetSettings(name, listen));
            }
        }

        return targets;
    }

    private static IPEndPoint? ReadLoopbackEndpoint(YamlValue value, ErrorList errors)
    {
        if (ValueReader.NonEmptyText(value, errors) is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        var colon = trimmed.LastIndexOf(':');
        var host = colon > 0 ? trimmed[..colon] : string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            host = string.Empty; // an IPv6 address needs brackets to be told apart from its port
        }

        var portText = colon > 0 ? trimmed[(colon + 1)..] : string.Empty;
        if (!IpAddressText.TryParse(host, out var address) || portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not an ip:port such as 127.0.0.2:8081 or [::1]:8081", value.At);
            return null;
        }

        if (!IPAddress.IsLoopback(address))
        {
            errors.Add(value.Path, $"{YamlText.Quote(text)} is not a loopback address (127.0.0.0/8 or ::1): demo targets never listen on a network", value.At);
            return null;
        }

        return new IPEndPoint(address, port);
    }
}
