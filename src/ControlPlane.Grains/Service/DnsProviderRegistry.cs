using ControlPlane.Core.Definitions;
using ControlPlane.Dns;

namespace ControlPlane.Grains.Service;

/// <summary>The DNS providers of the current definition, created by their factories and kept while their settings do not change.</summary>
public sealed class DnsProviderRegistry(IEnumerable<IDnsProviderFactory> factories)
{
    private readonly Dictionary<string, IDnsProviderFactory> _factories = factories.ToDictionary(f => f.Type, StringComparer.Ordinal);
    private readonly Dictionary<string, (DnsProviderDefinition Definition, IDnsProvider Provider)> _providers = new(StringComparer.Ordinal);
    private readonly object _sync = new();

    public IReadOnlyCollection<IDnsProviderFactory> Factories => _factories.Values;

    public IDnsProvider Get(DnsProviderDefinition definition)
    {
        lock (_sync)
        {
            if (_providers.TryGetValue(definition.Id, out var existing) && SameSettings(existing.Definition, definition))
            {
                return existing.Provider;
            }

            if (!_factories.TryGetValue(definition.Type, out var factory))
            {
                throw new InvalidOperationException($"no DNS provider type '{definition.Type}' is registered");
            }

            var provider = factory.Create(definition);
            _providers[definition.Id] = (definition, provider);
            return provider;
        }
    }

    private static bool SameSettings(DnsProviderDefinition a, DnsProviderDefinition b) =>
        a.Type == b.Type && a.Settings.Count == b.Settings.Count
        && a.Settings.All(kv => b.Settings.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
