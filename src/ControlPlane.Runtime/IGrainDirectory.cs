namespace ControlPlane.Runtime;

/// <summary>Finds the silo that owns a shard now, for calls to grains this silo does not own.</summary>
public interface IGrainDirectory
{
    /// <summary>The owner's address, or null when nobody holds a live lease on the shard (it is moving).</summary>
    ValueTask<Uri?> FindOwnerAsync(string shard, CancellationToken cancellationToken);

    /// <summary>Forgets a cached owner after a call to it failed.</summary>
    void Invalidate(string shard);
}
