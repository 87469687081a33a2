namespace ControlPlane.Storage;

/// <summary>Who owns a shard, until when, and the fencing token of that ownership.</summary>
public sealed record ShardLease(string ShardId, string Owner, long Token, DateTimeOffset ExpiresAt)
{
    public Fence Fence => new(ShardId, Token);
}
