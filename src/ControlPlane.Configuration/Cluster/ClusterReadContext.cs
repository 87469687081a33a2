using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;
using ControlPlane.Dns;

namespace ControlPlane.Configuration.Cluster;

/// <summary>What the readers of one cluster definition share: errors, declared ids, checks read so far, provider factories.</summary>
internal sealed class ClusterReadContext
{
    public ClusterReadContext(ErrorList errors, IReadOnlyDictionary<string, IDnsProviderFactory> factories)
    {
        Errors = errors;
        Factories = factories;
        Regions = new IdRegistry("region", errors);
        Datacenters = new IdRegistry("datacenter", errors);
        Checks = new IdRegistry("check", errors);
        Providers = new IdRegistry("DNS provider", errors);
        Services = new IdRegistry("service", errors);
        Endpoints = new IdRegistry("endpoint", errors);
    }

    public ErrorList Errors { get; }

    /// <summary>Registered provider factories by type, matched without regard to case.</summary>
    public IReadOnlyDictionary<string, IDnsProviderFactory> Factories { get; }

    public IdRegistry Regions { get; }

    public IdRegistry Datacenters { get; }

    public IdRegistry Checks { get; }

    public IdRegistry Providers { get; }

    public IdRegistry Services { get; }

    public IdRegistry Endpoints { get; }

    /// <summary>Checks by id, for the rules that depend on a check (a tcp check needs a port somewhere).</summary>
    public Dictionary<string, CheckSummary> CheckSummaries { get; } = new(StringComparer.Ordinal);

    /// <summary>Composite checks, resolved once every check is read (children may come later in the file).</summary>
    public List<CompositeCheckReader.Pending> PendingComposites { get; } = [];

    /// <summary>Each published (provider, name), with where it was first published.</summary>
    public Dictionary<(string Provider, string Name), (string ServiceId, YamlValue At)> PublishedNames { get; } = [];

    /// <summary>Reads the required <c>id</c> field of an entity and declares it.</summary>
    public string? DeclareId(MappingReader map, IdRegistry registry)
    {
        var at = map.Required("id");
        var id = at is { } value ? ValueReader.Id(value, Errors) : null;
        registry.Declare(id, at);
        return id;
    }

    /// <summary>Reads a field that names another entity and reports it when that entity is not defined.</summary>
    public string? Reference(MappingReader map, string field, IdRegistry registry, bool required)
    {
        var at = required ? map.Required(field) : map.Field(field);
        var id = at is { } value ? ValueReader.NonEmptyText(value, Errors) : null;
        registry.Resolve(id, at);
        return id;
    }
}

/// <summary>What endpoint rules need to know about a check: its type (null when invalid) and its port.</summary>
internal readonly record struct CheckSummary(CheckKind? Kind, int? Port);
