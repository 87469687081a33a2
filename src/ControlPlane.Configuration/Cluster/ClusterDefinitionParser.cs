using ControlPlane.Configuration.Yaml;
using ControlPlane.Core.Definitions;
using ControlPlane.Dns;

namespace ControlPlane.Configuration.Cluster;

/// <summary>
/// Parses a cluster definition (regions, datacenters, checks, DNS providers, services) from YAML,
/// reporting every error with its path and position. Never throws for any text.
/// </summary>
/// <remarks>The field reference is <c>docs/configuration.md</c>.</remarks>
public static class ClusterDefinitionParser
{
    /// <summary>Parses <paramref name="yaml"/>; errors are reported under <paramref name="sourceName"/>.</summary>
    /// <param name="factories">
    /// The DNS provider types this silo can run; a provider's settings are validated by the
    /// factory whose <see cref="IDnsProviderFactory.Type"/> matches its <c>type</c>.
    /// </param>
    public static ConfigResult<ClusterDefinition> Parse(string yaml, string sourceName, IEnumerable<IDnsProviderFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(factories);

        var document = new ConfigDocument(sourceName, yaml);
        var errors = new ErrorList(sourceName);
        ClusterDefinition? definition = null;
        try
        {
            var byType = new Dictionary<string, IDnsProviderFactory>(StringComparer.OrdinalIgnoreCase);
            foreach (var factory in factories)
            {
                byType.TryAdd(factory.Type, factory);
            }

            if (YamlDocumentLoader.Load(yaml, errors) is { } root)
            {
                definition = new ClusterDefinitionReader(errors, byType).Read(root);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(string.Empty, $"internal error while reading the configuration, please report it: {e.GetType().Name}: {e.Message}", null);
        }

        if (definition is null && errors.Count == 0)
        {
            errors.Add(string.Empty, "internal error: the reader produced neither a value nor an error, please report it", null);
        }

        return errors.Count == 0 && definition is not null
            ? ConfigResult<ClusterDefinition>.Success(definition, document)
            : ConfigResult<ClusterDefinition>.Failure(errors.ToSortedList(), document);
    }

    /// <summary>Reads and parses a file; a missing or unreadable file is an error in the result, not an exception.</summary>
    public static ConfigResult<ClusterDefinition> LoadFile(string path, IEnumerable<IDnsProviderFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ConfigFile.Read(path, out var error) is { } text
            ? Parse(text, path, factories)
            : ConfigResult<ClusterDefinition>.Failure([error!], null);
    }
}
