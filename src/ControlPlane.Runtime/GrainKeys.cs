using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Key conventions shared by the runtime and the grains.</summary>
public static class GrainKeys
{
    /// <summary>Region-affine grains have keys <c>{id}@{region}</c>.</summary>
    public const char RegionSeparator = '@';

    public static string RegionAffine(string id, string region) => $"{id}{RegionSeparator}{region}";

    /// <summary>The region of a region-affine grain, or null.</summary>
    public static string? RegionOf(GrainId grain)
    {
        var at = grain.Key.LastIndexOf(RegionSeparator);
        return at < 0 ? null : grain.Key[(at + 1)..];
    }

    /// <summary>The id part of a region-affine key.</summary>
    public static string IdOf(GrainId grain)
    {
        var at = grain.Key.LastIndexOf(RegionSeparator);
        return at < 0 ? grain.Key : grain.Key[..at];
    }
}
