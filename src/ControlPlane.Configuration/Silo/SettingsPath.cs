using ControlPlane.Configuration.Yaml;

namespace ControlPlane.Configuration.Silo;

/// <summary>Path fields of silo settings, resolved against the settings file's folder.</summary>
internal static class SettingsPath
{
    /// <summary>A path field resolved against the settings file's folder.</summary>
    public static string? Read(MappingReader map, string name, bool required, string baseDirectory)
    {
        var text = map.Text(name, required);
        if (text is null || map.Field(name) is not { } field)
        {
            return null;
        }

        if (text.Contains('\0'))
        {
            map.Errors.Add(field.Path, "a path must not contain NUL characters", field.At);
            return null;
        }

        try
        {
            return Path.GetFullPath(text, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            map.Errors.Add(field.Path, $"{YamlText.Quote(text)} is not a usable path: {e.Message}", field.At);
            return null;
        }
    }
}
