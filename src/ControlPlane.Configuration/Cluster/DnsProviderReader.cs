using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Cluster;

/// <summary>Reads one entry of <c>dns.providers</c> and has its settings validated by the factory of its type.</summary>
/// <remarks>
/// Every key besides <c>id</c> and <c>type</c> is a type-specific setting. Settings are plain
/// values, collected as text; which keys exist and what they may hold is the factory's business,
/// so its (key, message) pairs are reported at <c>dns.providers[i].key</c>.
/// </remarks>
internal static class DnsProviderReader
{
    public static DnsProviderDefinition? Read(YamlValue item, ClusterReadContext context)
    {
        if (MappingReader.Open(item, context.Errors) is not { } map)
        {
            return null;
        }

        var errors = context.Errors;
        var id = context.DeclareId(map, context.Providers);
        var typeField = map.Required("type");
        var type = typeField is { } typeValue ? ValueReader.NonEmptyText(typeValue, errors) : null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var positions = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        foreach (var (name, value) in map.TakeRest())
        {
            positions[name] = value;
            if (YamlText.IsNull(value.Node))
            {
                continue;
            }

            if (ValueReader.Text(value, errors, "a single value (provider settings are plain values)") is { } text)
            {
                settings[name] = text;
            }
        }

        map.RejectUnknown();
        if (type is null || typeField is not { } where)
        {
            return null;
        }

        if (!context.Factories.TryGetValue(type.Trim(), out var factory))
        {
            var registered = context.Factories.Count == 0 ? "none are registered" : $"registered: {YamlText.List(context.Factories.Values.Select(f => f.Type))}";
            errors.Add(where.Path, $"{YamlText.Quote(type)} is not a known DNS provider type ({registered})", where.At);
            return null;
        }

        Validate(factory, settings, map, positions, errors);
        return new DnsProviderDefinition(id ?? string.Empty, factory.Type, settings);
    }

    private static void Validate(
        Dns.IDnsProviderFactory factory,
        Dictionary<string, string> settings,
        MappingReader map,
        Dictionary<string, YamlValue> positions,
        ErrorList errors)
    {
        try
        {
            foreach (var (key, message) in factory.Validate(settings))
            {
                var path = string.IsNullOrEmpty(key) ? map.Path : ConfigPath.Field(map.Path, key);
                var at = key is not null && positions.TryGetValue(key, out var value) ? value.At : map.At;
                errors.Add(path, message, at);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(map.Path, $"the '{factory.Type}' provider failed while validating its settings: {e.Message}", map.At);
        }
    }
}
