namespace ControlPlane.Storage;

/// <summary>A conditional grain-state write was refused: someone else wrote since the writer read (a deposed duplicate activation).</summary>
public sealed class GrainStateConflictException(GrainKey grain, string? expectedETag, string? storedETag)
    : Exception($"grain {grain}: expected ETag {expectedETag ?? "(none)"}, stored {storedETag ?? "(none or unknown)"}; nothing was written")
{
    public GrainKey Grain { get; } = grain;

    public string? ExpectedETag { get; } = expectedETag;

    /// <summary>Null when no row exists or it is unknown.</summary>
    public string? StoredETag { get; } = storedETag;
}
