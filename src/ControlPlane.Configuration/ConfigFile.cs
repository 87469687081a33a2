using System.Security;
using System.Text;
using ControlPlane.Configuration.Yaml;

namespace ControlPlane.Configuration;

/// <summary>Reads a configuration file as text, turning every way that can fail into an error.</summary>
internal static class ConfigFile
{
    /// <summary>The text, or null and <paramref name="error"/> when the file cannot be read.</summary>
    public static string? Read(string path, out ConfigError? error)
    {
        error = null;
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
            if (Directory.Exists(fullPath))
            {
                error = Problem(path, $"cannot read {fullPath}: it is a directory, not a file");
                return null;
            }

            var file = new FileInfo(fullPath);
            if (!file.Exists)
            {
                error = Problem(path, $"cannot read {fullPath}: the file does not exist");
                return null;
            }

            // UTF-8 takes at most 4 bytes per character; anything larger cannot fit the loader's limit.
            if (file.Length > (long)YamlDocumentLoader.MaxLength * 4)
            {
                error = Problem(path, $"cannot read {fullPath}: the file is too large ({file.Length} bytes)");
                return null;
            }

            return File.ReadAllText(fullPath, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException or SecurityException)
        {
            error = Problem(path, $"cannot read the file: {e.Message}");
            return null;
        }
    }

    private static ConfigError Problem(string path, string message) =>
        new(string.Empty, message, null, null) { Source = path };
}
