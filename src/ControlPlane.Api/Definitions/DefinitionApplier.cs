using ControlPlane.Configuration;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Grains;
using ControlPlane.Grains.Service;
using ControlPlane.Storage;

namespace ControlPlane.Api.Definitions;

/// <summary>Validates a cluster definition and stores it as a new version; silos pick it up from the store.</summary>
public sealed class DefinitionApplier(IControlPlaneStore store, DnsProviderRegistry providers, TimeProvider time)
{
    /// <summary>The stored version, or every validation error (nothing stored then).</summary>
    public async Task<(StoredDefinition? Stored, IReadOnlyList<ConfigError> Errors)> ApplyAsync(string yaml, string sourceName, string appliedBy, CancellationToken cancellationToken)
    {
        var parsed = ClusterDefinitionParser.Parse(yaml, sourceName, providers.Factories);
        if (!parsed.IsValid)
        {
            return (null, parsed.Errors);
        }

        var stored = await store.Definitions.AppendAsync(yaml, ConfigContentHash.Compute(yaml), appliedBy, time.GetUtcNow(), cancellationToken);
        return (stored, []);
    }

    /// <summary>Parses a stored version; a stored definition was valid when applied, but factories may have changed since.</summary>
    public ConfigResult<ActiveDefinition> Load(StoredDefinition stored)
    {
        var parsed = ClusterDefinitionParser.Parse(stored.Yaml, $"definition v{stored.Version}", providers.Factories);
        return parsed.IsValid
            ? ConfigResult<ActiveDefinition>.Success(new ActiveDefinition(stored.Version, parsed.Value!), parsed.Document)
            : ConfigResult<ActiveDefinition>.Failure(parsed.Errors, parsed.Document);
    }
}
