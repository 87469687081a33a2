namespace ControlPlane.Storage;

/// <summary>One applied version of the cluster definition, exactly as its YAML was written.</summary>
public sealed record StoredDefinition(long Version, string Yaml, string ContentHash, DateTimeOffset AppliedAt, string AppliedBy);
