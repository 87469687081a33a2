namespace ControlPlane.Grains;

/// <summary>Key conventions of the grains: region-affine grains (probes) have keys <c>{id}@{region}</c>.</summary>
public static class GrainKeys
{
    public const char RegionSeparator = '@';

    public static string RegionAffine(string id, string region) => $"{id}{RegionSeparator}{region}";

    /// <summary>The region of a region-affine key, or null.</summary>
    public static string? RegionOf(string key)
    {
        var at = key.LastIndexOf(RegionSeparator);
        return at < 0 ? null : key[(at + 1)..];
    }

    /// <summary>The id part of a region-affine key.</summary>
    public static string IdOf(string key)
    {
        var at = key.LastIndexOf(RegionSeparator);
        return at < 0 ? key : key[..at];
    }
}
