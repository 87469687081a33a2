namespace ControlPlane.Storage;

/// <summary>
/// The owner's proof of its shard lease: every state, decision and DNS-change write carries it,
/// and the store refuses the write in the same statement when the shard's token has moved on.
/// </summary>
/// <param name="ShardId">The shard the written grain belongs to.</param>
/// <param name="Token">The lease token the writer holds (Temporal's <c>range_id</c>).</param>
public readonly record struct Fence(string ShardId, long Token)
{
    public override string ToString() => $"{ShardId}@{Token}";
}
