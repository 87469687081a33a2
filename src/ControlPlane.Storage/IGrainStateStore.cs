namespace ControlPlane.Storage;

/// <summary>Grain state, fenced by ETag: a write lands only if nobody wrote since the writer read.</summary>
public interface IGrainStateStore
{
    Task<StoredGrainState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken);

    /// <summary>
    /// Writes iff the stored ETag equals <see cref="GrainStateWrite.ExpectedETag"/> (null: no row may exist);
    /// returns the new ETag (fresh on every write). Throws <see cref="GrainStateConflictException"/> when it
    /// does not match: then nothing was written.
    /// </summary>
    Task<string> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken);

    /// <summary>Deletes the state iff its ETag equals <paramref name="expectedETag"/>; a missing row with a null ETag is success.</summary>
    Task ClearAsync(GrainKey grain, string? expectedETag, CancellationToken cancellationToken);
}
