using System.Globalization;
using System.Net;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads the <c>dns</c> map of a dns check.</summary>
internal static class DnsCheckReader
{
    private static readonly (string, DnsRecordType)[] Types =
        [.. Enum.GetValues<DnsRecordType>().Select(t => (t.ToString(), t))];

    public static DnsCheckDefinition? Read(MappingReader map, ErrorList errors, bool allowLinkLocal)
    {
        var name = map.Text("name", required: true);
        if (name is not null && map.Field("name") is { } nameField && DnsNameText.HostNameProblem(name.TrimEnd('.')) is { } problem)
        {
            errors.Add(nameField.Path, problem, nameField.At);
        }

        var type = map.Choice("type", Types) ?? DnsRecordType.A;
        var server = ReadServer(map, errors, allowLinkLocal);
        var tcpOnly = map.Bool("tcpOnly") ?? false;
        var recursion = map.Bool("recursion") ?? false;
        map.RejectUnknown();
        return name is null ? null : new DnsCheckDefinition
        {
            Name = name.EndsWith('.') ? name : name + ".",
            Type = type,
            Server = server,
            TcpOnly = tcpOnly,
            Recursion = recursion,
        };
    }

    private static IPEndPoint? ReadServer(MappingReader map, ErrorList errors, bool allowLinkLocal)
    {
        if (map.Field("server") is not { } field || ValueReader.NonEmptyText(field, errors) is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        var port = 53;
        var host = trimmed;
        if (trimmed.StartsWith('[') && trimmed.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            host = trimmed[1..close];
            if (close + 1 < trimmed.Length && !TryPort(trimmed[(close + 1)..], out port))
            {
                errors.Add(field.Path, $"{YamlText.Quote(text)} has a bad port: write [address]:port", field.At);
                return null;
            }
        }
        else if (trimmed.Count(c => c == ':') == 1)
        {
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            host = trimmed[..colon];
            if (!TryPort(trimmed[colon..], out port))
            {
                errors.Add(field.Path, $"{YamlText.Quote(text)} has a bad port: write address:port", field.At);
                return null;
            }
        }

        if (!IpAddressText.TryParse(host, out var address))
        {
            errors.Add(field.Path, $"{YamlText.Quote(text)} is not an IP address with an optional port (the probe never resolves names)", field.At);
            return null;
        }

        if (IpAddressText.IsLinkLocalOrMetadata(address) && !allowLinkLocal)
        {
            errors.Add(field.Path, $"'{address}' is a link-local or cloud metadata address; refused unless the check sets allowLinkLocal: true", field.At);
        }

        return new IPEndPoint(address, port);
    }

    private static bool TryPort(string text, out int port) =>
        text.StartsWith(':') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535
            || (port = 0) != 0;
}
