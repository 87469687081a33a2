using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Webhooks;
using ControlPlane.Dns;
using YamlDotNet.RepresentationModel;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Walks the root of a cluster definition; each section is read by its own reader.</summary>
/// <remarks>
/// Sections are read in dependency order whatever their order in the file: regions,
/// datacenters, checks and DNS providers declare ids before services refer to them, so every
/// reference is checked the moment it is read. Nothing stops at the first error: an invalid
/// value is replaced by a placeholder and reading goes on, so one pass reports every problem.
/// </remarks>
internal sealed class ClusterDefinitionReader(ErrorList errors, IReadOnlyDictionary<string, IDnsProviderFactory> factories)
{
    private readonly ClusterReadContext _context = new(errors, factories);

    public ClusterDefinition? Read(YamlNode root)
    {
        if (MappingReader.Open(new YamlValue(string.Empty, root, root.Start), errors) is not { } map)
        {
            return null;
        }

        var regions = ReadRegions(map.List("regions", required: true, nonEmpty: true));
        var datacenters = ReadAll(map.List("datacenters", required: true, nonEmpty: true), ReadDatacenter);
        var checks = CompositeCheckReader.Resolve(ReadAll(map.List("checks"), item => CheckReader.Read(item, _context)), _context);
        var providers = ReadProviders(map.Map("dns"));
        var services = ReadAll(map.List("services"), item => ServiceReader.Read(item, _context, regions.Count));
        var webhookIds = new IdRegistry("webhook", errors);
        var webhooks = ReadAll(map.List("webhooks"), item => WebhookReader.Read(item, errors, webhookIds, WebhookSubscription.FromDefinition));
        map.RejectUnknown();
        return new ClusterDefinition
        {
            Regions = regions,
            Datacenters = datacenters,
            Checks = checks,
            DnsProviders = providers,
            Services = services,
            Webhooks = webhooks,
        };
    }

    private List<RegionDefinition> ReadRegions(IReadOnlyList<YamlValue>? items)
    {
        var regions = new List<RegionDefinition>();
        foreach (var item in items ?? [])
        {
            var id = ValueReader.Id(item, errors);
            _context.Regions.Declare(id, item);
            if (id is not null)
            {
                regions.Add(new RegionDefinition(id));
            }
        }

        return regions;
    }

    private DatacenterDefinition? ReadDatacenter(YamlValue item)
    {
        if (MappingReader.Open(item, errors) is not { } map)
        {
            return null;
        }

        var id = _context.DeclareId(map, _context.Datacenters);
        var description = map.Text("description");
        map.RejectUnknown();
        return new DatacenterDefinition(id ?? string.Empty, description);
    }

    private List<DnsProviderDefinition> ReadProviders(MappingReader? dns)
    {
        if (dns is null)
        {
            return [];
        }

        var providers = ReadAll(dns.List("providers"), item => DnsProviderReader.Read(item, _context));
        dns.RejectUnknown();
        return providers;
    }

    private static List<T> ReadAll<T>(IReadOnlyList<YamlValue>? items, Func<YamlValue, T?> read)
        where T : class
    {
        var all = new List<T>();
        foreach (var item in items ?? [])
        {
            if (read(item) is { } value)
            {
                all.Add(value);
            }
        }

        return all;
    }
}
