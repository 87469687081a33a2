namespace ControlPlane.Grains.Drains;

/// <summary>The <c>origin</c> of a drain: who asked for it, so only that asker ends it.</summary>
public static class DrainOrigins
{
    public const string Api = "api";

    public static string Evacuation(string id) => $"evacuation:{id}";

    public static string Maintenance(string id) => $"maintenance:{id}";

    public static bool IsEvacuation(string origin) => origin.StartsWith("evacuation:", StringComparison.Ordinal);

    public static bool IsMaintenance(string origin) => origin.StartsWith("maintenance:", StringComparison.Ordinal);
}
