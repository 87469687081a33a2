namespace ControlPlane.Storage;

/// <summary>A write was refused because another owner holds the shard now. The writer must stop acting for it.</summary>
public sealed class FenceLostException : Exception
{
    public FenceLostException(Fence fence, long? currentToken)
        : base($"shard {fence.ShardId}: lease token {fence.Token} is no longer current (now {currentToken?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})")
    {
        Fence = fence;
        CurrentToken = currentToken;
    }

    public Fence Fence { get; }

    public long? CurrentToken { get; }
}
