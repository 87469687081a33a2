namespace ControlPlane.Storage.Cassandra;

/// <summary>Serializes this process's conditional writes to one shard partition and groups its commits.</summary>
/// <remarks>
/// Only the shard's owner writes to its partition, so every Paxos round on it comes from this process.
/// Running them concurrently would only make them contend (Cassandra retries a contended round until its
/// CAS timeout, then reports an unknown outcome). So lease operations and commits of one shard take
/// <see cref="Gate"/> in turn, and commits that queue up while a round is in flight are written
/// together by the next round: one conditional batch for up to <see cref="MaxGroupCount"/> commits or
/// about <see cref="MaxGroupSize"/> characters (Cassandra 2.2+ refuses batches above 50 KB by default).
/// </remarks>
internal sealed class ShardWriter(string shardId, Func<string, IReadOnlyList<PendingCommit>, Task> write)
{
    public const int MaxGroupCount = 32;
    public const int MaxGroupSize = 32 * 1024;

    private readonly Lock _lock = new();
    private readonly List<PendingCommit> _queue = [];
    private bool _draining;

    public string ShardId { get; } = shardId;

    /// <summary>Held during every Paxos round of this process on the shard.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Task CommitAsync(PendingCommit commit)
    {
        bool start;
        lock (_lock)
        {
            _queue.Add(commit);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync);
        }

        return commit.Task;
    }

    /// <summary>Runs <paramref name="work"/> alone on the shard (no commit or other lease operation of this process overlaps it).</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<PendingCommit> group;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }

                group = TakeGroup();
            }

            await Gate.WaitAsync();
            try
            {
                await write(ShardId, group);
            }
            catch (Exception e)
            {
                foreach (var pending in group)
                {
                    pending.Fail(e);
                }
            }
            finally
            {
                Gate.Release();
            }
        }
    }

    // Consecutive commits under the same fence token, within the size limits (at least one).
    private List<PendingCommit> TakeGroup()
    {
        var token = _queue[0].Fence.Token;
        var group = new List<PendingCommit>();
        var size = 0;
        foreach (var pending in _queue)
        {
            if (pending.Fence.Token != token || group.Count == MaxGroupCount || (group.Count > 0 && size + pending.Size > MaxGroupSize))
            {
                break;
            }

            group.Add(pending);
            size += pending.Size;
        }

        _queue.RemoveRange(0, group.Count);
        return group;
    }
}
