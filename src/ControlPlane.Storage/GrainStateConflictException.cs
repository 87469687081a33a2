namespace ControlPlane.Storage;

/// <summary>
/// A write or clear was refused because the grain's stored ETag is not the one the writer named: another
/// activation wrote since (or the writer is a deposed duplicate). Nothing was written; the writer must
/// re-read the state before acting for the grain again (Orleans: <c>InconsistentStateException</c>).
/// </summary>
public sealed class GrainStateConflictException : Exception
{
    public GrainStateConflictException(GrainKey grain, string? expectedETag, string? storedETag)
        : base($"grain {grain}: expected ETag {expectedETag ?? "(no state)"} but the stored ETag is {storedETag ?? "(none or unknown)"}; nothing was written")
    {
        Grain = grain;
        ExpectedETag = expectedETag;
        StoredETag = storedETag;
    }

    /// <summary>The grain whose write was refused.</summary>
    public GrainKey Grain { get; }

    /// <summary>The ETag the writer named (null: it expected no state).</summary>
    public string? ExpectedETag { get; }

    /// <summary>The ETag stored when the write was refused; null when there is no state or it is unknown.</summary>
    public string? StoredETag { get; }
}
