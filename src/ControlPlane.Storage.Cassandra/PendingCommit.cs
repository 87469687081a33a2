namespace ControlPlane.Storage.Cassandra;

/// <summary>A commit waiting for its shard's writer, with the task its caller awaits.</summary>
internal sealed class PendingCommit(GrainCommit commit, Fence fence)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainCommit Commit { get; } = commit;

    public Fence Fence { get; } = fence;

    /// <summary>Rough size in a batch: the state and the audit entries it carries.</summary>
    public int Size { get; } = commit.StateJson.Length + (2048 * (commit.Decisions.Count + commit.DnsChanges.Count));

    public Task Task => _done.Task;

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
