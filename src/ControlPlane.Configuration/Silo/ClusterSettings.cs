namespace ControlPlane.Configuration.Silo;

/// <summary>Where the silo gets the cluster definition at start-up.</summary>
/// <param name="DefinitionFile">
/// Absolute path of a cluster definition applied at start-up when it differs from the stored
/// version. Default none: the silo uses the definition already in the store.
/// </param>
public sealed record ClusterSettings(string? DefinitionFile = null);
