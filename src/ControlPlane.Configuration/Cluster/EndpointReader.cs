using System.Net;
using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads one entry of a service's <c>endpoints</c>.</summary>
internal static class EndpointReader
{
    public static EndpointDefinition? Read(YamlValue item, string? serviceCheckId, ClusterReadContext context)
    {
        if (MappingReader.Open(item, context.Errors) is not { } map)
        {
            return null;
        }

        var errors = context.Errors;
        var defaults = new EndpointDefinition(string.Empty, IPAddress.None, null, string.Empty);
        var id = context.DeclareId(map, context.Endpoints);
        var address = map.IpAddress("address", required: true);
        var port = map.Integer("port", 1, 65535);
        var datacenter = context.Reference(map, "datacenter", context.Datacenters, required: true);
        var priority = map.Integer("priority", 1, int.MaxValue) ?? defaults.Priority;
        var weight = map.Integer("weight", 0, 255) ?? defaults.Weight;
        var checkOverride = context.Reference(map, "check", context.Checks, required: false);
        var hostName = ReadHostName(map);
        var allowLinkLocal = map.Bool("allowLinkLocal") ?? false;
        map.RejectUnknown();

        if (address is not null && map.Field("address") is { } addressField)
        {
            if (IpAddressText.NotUnicast(address) is { } kind)
            {
                errors.Add(addressField.Path, $"'{address}' is {kind}, which cannot be an endpoint", addressField.At);
            }
            else if (!allowLinkLocal && IpAddressText.IsLinkLocalOrMetadata(address))
            {
                errors.Add(
                    addressField.Path,
                    $"'{address}' is a link-local or cloud metadata address; probing it is refused unless the endpoint sets allowLinkLocal: true",
                    addressField.At);
            }
        }

        var checkId = checkOverride ?? serviceCheckId;
        if (port is null && map.Field("port") is null && checkId is not null && context.CheckSummaries.TryGetValue(checkId, out var check)
            && check is { Kind: CheckKind.Tcp, Port: null })
        {
            errors.Add(
                ConfigPath.Field(map.Path, "port"),
                $"is required: check {YamlText.Quote(checkId)} is a tcp check without a port",
                map.At);
        }

        return new EndpointDefinition(
            id ?? string.Empty,
            address ?? IPAddress.None,
            port,
            datacenter ?? string.Empty,
            priority,
            weight,
            checkOverride,
            hostName,
            allowLinkLocal);
    }

    private static string? ReadHostName(MappingReader map)
    {
        var hostName = map.Text("hostName");
        if (hostName is not null && map.Field("hostName") is { } field && DnsNameText.HostNameProblem(hostName) is { } problem)
        {
            map.Errors.Add(field.Path, problem, field.At);
        }

        return hostName;
    }
}
