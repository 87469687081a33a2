namespace ControlPlane.Dashboards.Tests.Compose;

/// <summary>A volume entry in short syntax, <c>SOURCE:TARGET[:MODE]</c>: a bind mount when SOURCE is a path, else a named volume.</summary>
internal sealed record ComposeVolume(string Source, string Target, bool ReadOnly)
{
    public bool IsBind => Source.StartsWith('/') || Source.StartsWith('.');

    public static ComposeVolume Parse(string entry)
    {
        var parts = entry.Split(':');
        return parts.Length switch
        {
            2 => new(parts[0], parts[1], false),
            3 => new(parts[0], parts[1], parts[2].Split(',').Contains("ro")),
            _ => throw new FormatException($"volume '{entry}' is not SOURCE:TARGET[:MODE]"),
        };
    }
}
