using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>This silo does not own the shard of the grain called (it is owned elsewhere, or by nobody right now).</summary>
public sealed class ShardNotOwnedException(GrainId grain, string shard)
    : Exception($"grain {grain}: shard {shard} is not owned by this silo")
{
    public GrainId Grain { get; } = grain;

    public string Shard { get; } = shard;
}
