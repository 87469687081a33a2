namespace ControlPlane.Storage;

/// <summary>Versions of the cluster definition, so every silo acts on the same one.</summary>
public interface IDefinitionStore
{
    Task<StoredDefinition?> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new version unless the latest already has the same content hash, in which case
    /// the latest is returned unchanged. Concurrent appends never produce two equal version numbers.
    /// </summary>
    Task<StoredDefinition> AppendAsync(string yaml, string contentHash, string appliedBy, DateTimeOffset at, CancellationToken cancellationToken);
}
