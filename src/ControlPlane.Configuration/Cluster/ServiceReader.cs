using ControlPlane.Configuration.Values;
using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Drains;
using ControlPlane.Core.Model;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads one entry of <c>services</c>, with its DNS record, health policy and endpoints.</summary>
internal static class ServiceReader
{
    private static readonly (string, RoutingPolicy)[] Policies =
        [("failover", RoutingPolicy.Failover), ("multivalue", RoutingPolicy.Multivalue), ("weighted", RoutingPolicy.Weighted)];

    public static ServiceDefinition? Read(YamlValue item, ClusterReadContext context, int regionCount)
    {
        if (MappingReader.Open(item, context.Errors) is not { } map)
        {
            return null;
        }

        var id = context.DeclareId(map, context.Services);
        var dns = ReadDns(map.Map("dns", required: true), id, context);
        var policy = map.Choice("policy", Policies, required: true);
        var checkId = context.Reference(map, "check", context.Checks, required: true);
        var health = HealthPolicyReader.Read(map.Field("health"), regionCount, context.Errors);
        var maxUnavailable = ReadBudget(map.Field("maxUnavailable"), context.Errors);
        var endpoints = new List<EndpointDefinition>();
        foreach (var endpoint in map.List("endpoints", required: true, nonEmpty: true) ?? [])
        {
            if (EndpointReader.Read(endpoint, checkId, context) is { } definition)
            {
                endpoints.Add(definition);
            }
        }

        map.RejectUnknown();
        return new ServiceDefinition
        {
            Id = id ?? string.Empty,
            Dns = dns,
            Policy = policy ?? RoutingPolicy.Failover,
            CheckId = checkId ?? string.Empty,
            Health = health,
            Endpoints = endpoints,
            MaxUnavailable = maxUnavailable,
        };
    }

    /// <summary><c>maxUnavailable</c>: a whole number of endpoints or a percentage such as <c>25%</c>.</summary>
    private static DisruptionBudget? ReadBudget(YamlValue? field, ErrorList errors)
    {
        if (field is not { } value || ValueReader.Text(value, errors, "a number of endpoints or a percentage") is not { } text)
        {
            return null;
        }

        var budget = DisruptionBudget.Parse(text, out var problem);
        if (problem is not null)
        {
            errors.Add(value.Path, problem, value.At);
        }

        return budget;
    }

    private static ServiceDnsDefinition ReadDns(MappingReader? map, string? serviceId, ClusterReadContext context)
    {
        if (map is null)
        {
            return new ServiceDnsDefinition(string.Empty, string.Empty);
        }

        var errors = context.Errors;
        var provider = context.Reference(map, "provider", context.Providers, required: true);
        var name = map.Text("name", required: true);
        var ttl = map.Integer("ttl", 0, int.MaxValue);
        var reconcileEvery = map.Duration("reconcileEvery", TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        var dryRun = map.Bool("dryRun");
        var minHealthy = map.Integer("minHealthy", 1, 1000);
        var maxChanges = map.Integer("maxChanges", 1, 100_000);
        var changeWindow = map.Duration("changeWindow", TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        map.RejectUnknown();
        if (changeWindow is not null && maxChanges is null && map.Field("changeWindow") is { } windowField)
        {
            errors.Add(windowField.Path, "is only used with maxChanges; set both or neither", windowField.At);
        }

        if (name is not null && map.Field("name") is { } nameField)
        {
            if (DnsNameText.FullyQualifiedProblem(name) is { } problem)
            {
                errors.Add(nameField.Path, problem, nameField.At);
            }
            else if (provider is not null)
            {
                var key = (provider, name.TrimEnd('.').ToLowerInvariant());
                if (context.PublishedNames.TryGetValue(key, out var first))
                {
                    errors.Add(
                        nameField.Path,
                        $"{YamlText.Quote(name)} is already published on provider {YamlText.Quote(provider)} by service {YamlText.Quote(first.ServiceId)} ({first.At.Path}, line {first.At.At.Line})",
                        nameField.At);
                }
                else
                {
                    context.PublishedNames.Add(key, (serviceId ?? "?", nameField));
                }
            }
        }

        var defaults = new ServiceDnsDefinition(string.Empty, string.Empty);
        return new ServiceDnsDefinition(provider ?? string.Empty, name ?? string.Empty, ttl ?? defaults.Ttl)
        {
            ReconcileEvery = reconcileEvery ?? defaults.ReconcileEvery,
            DryRun = dryRun ?? false,
            MinHealthy = minHealthy,
            MaxChanges = maxChanges,
            ChangeWindow = changeWindow ?? defaults.ChangeWindow,
        };
    }
}
