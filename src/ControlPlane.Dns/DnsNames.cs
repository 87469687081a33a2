namespace ControlPlane.Dns;

/// <summary>Domain-name helpers shared by providers: lower case, fully qualified with the trailing dot.</summary>
public static class DnsNames
{
    public static string Normalize(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    /// <summary>True when <paramref name="name"/> is the zone apex or below it.</summary>
    public static bool IsInZone(string name, string zone)
    {
        var n = Normalize(name);
        var z = Normalize(zone);
        return n == z || n.EndsWith("." + z, StringComparison.Ordinal);
    }
}
