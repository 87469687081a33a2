using ControlPlane.Configuration.Yaml;

namespace ControlPlane.Configuration.Silo;

/// <summary>
/// Parses a silo's local settings (identity, API, store, logging, demo targets) from YAML,
/// reporting every error with its path and position. Never throws for any text.
/// </summary>
/// <remarks>The field reference is <c>docs/configuration.md</c>.</remarks>
public static class SiloSettingsParser
{
    /// <summary>Parses <paramref name="yaml"/>; relative paths in it are resolved against <paramref name="baseDirectory"/>.</summary>
    public static ConfigResult<SiloSettings> Parse(string yaml, string sourceName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(baseDirectory);

        var document = new ConfigDocument(sourceName, yaml);
        var errors = new ErrorList(sourceName);
        SiloSettings? settings = null;
        try
        {
            var root = YamlDocumentLoader.Load(yaml, errors);
            if (root is not null)
            {
                settings = new SiloSettingsReader(errors, Path.GetFullPath(baseDirectory)).Read(root);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.Add(string.Empty, $"internal error while reading the settings, please report it: {e.GetType().Name}: {e.Message}", null);
        }

        if (settings is null && errors.Count == 0)
        {
            errors.Add(string.Empty, "internal error: the reader produced neither a value nor an error, please report it", null);
        }

        return errors.Count == 0 && settings is not null
            ? ConfigResult<SiloSettings>.Success(settings, document)
            : ConfigResult<SiloSettings>.Failure(errors.ToSortedList(), document);
    }

    /// <summary>Reads and parses a settings file; its relative paths resolve against the file's folder.</summary>
    public static ConfigResult<SiloSettings> LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ConfigFile.Read(path, out var error) is not { } text)
        {
            return ConfigResult<SiloSettings>.Failure([error!], null);
        }

        // ConfigFile.Read already resolved the path once, so this cannot fail now.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(text, path, folder);
    }
}
