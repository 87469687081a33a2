namespace ControlPlane.Storage;

/// <summary>Grain state, read on activation and written under a fence.</summary>
public interface IGrainStateStore
{
    /// <summary>The grain's state as last committed, or null for a new grain.</summary>
    Task<string?> ReadAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the commit in one atomic, fenced operation. Throws <see cref="FenceLostException"/>
    /// when <paramref name="fence"/> is not the shard's current token; then nothing was written.
    /// </summary>
    Task CommitAsync(GrainCommit commit, Fence fence, CancellationToken cancellationToken);
}
