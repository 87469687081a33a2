using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Which shards this silo owns right now, with the fence of each.</summary>
public interface IShardOwnership
{
    /// <summary>The fence of a shard this silo holds a live lease on.</summary>
    bool TryGetFence(string shardId, out Fence fence);

    /// <summary>Raised when a held shard is lost (renewal refused, or not renewed in time): stop acting for it at once.</summary>
    event Action<string>? ShardLost;
}
