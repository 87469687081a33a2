namespace ControlPlane.Storage;

/// <summary>Grain state, read on activation and written only by a writer that holds the current ETag.</summary>
/// <remarks>
/// The ETag is the fence against a deposed duplicate activation (Orleans' single activation is eventually
/// consistent during membership changes): every write and clear is one atomic conditional operation on it
/// (SQL <c>WHERE etag = @old</c>, a Cassandra lightweight transaction <c>IF etag = ?</c>), and every
/// successful write stores a fresh ETag, so a writer that read an older version can never write again.
/// </remarks>
public interface IGrainStateStore
{
    /// <summary>The grain's state and its ETag, or null when no state is stored.</summary>
    Task<StoredGrainState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken);

    /// <summary>
    /// Writes iff the stored ETag equals <see cref="GrainStateWrite.ExpectedETag"/> (null: no state may
    /// exist); returns the new ETag, fresh on every write. Throws <see cref="GrainStateConflictException"/>
    /// when it does not match: then nothing was written, neither the state nor its decisions and DNS changes.
    /// </summary>
    Task<string> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the state iff its ETag equals <paramref name="expectedETag"/>; a missing state with
    /// <paramref name="expectedETag"/> null is success. Throws <see cref="GrainStateConflictException"/> otherwise.
    /// </summary>
    Task ClearAsync(GrainKey grain, string? expectedETag, CancellationToken cancellationToken);
}
