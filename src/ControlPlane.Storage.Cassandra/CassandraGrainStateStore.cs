using System.Collections.Concurrent;
using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Grain state in its shard's partition, committed by one conditional write fenced by the shard's token.</summary>
/// <remarks>
/// A commit is one lightweight transaction on the shard partition (Temporal's pattern): the grain's
/// row (state, and the commit's decisions and DNS changes as its <c>outbox</c>) plus the pure fence
/// <c>IF range_id = ?</c> on the partition's static lease column. Commits of one shard queued while a
/// round is in flight go together in one conditional batch (<see cref="ShardWriter"/>). A deposed owner's
/// commit is refused with <see cref="FenceLostException"/> and writes nothing.
/// <para>
/// Once the fenced write succeeded, the audit query tables are written from the outbox (idempotent by id)
/// before the commit returns. If that fails, or the process dies in between, the entries are still in
/// the grain's outbox: they are written again by the grain's next commit (which carries them forward) or
/// its next activation (which re-writes the outbox it reads). So a crash delays audit rows, never loses them.
/// </para>
/// <para>
/// A commit whose outcome is unknown (CAS timeout, lost connection) is never reported as success: the
/// store moves the fence on (<c>range_id + 1</c>, a Paxos round that also completes or buries the round in
/// flight) and throws <see cref="FenceLostException"/>. The owner's next renewal is then refused, it
/// re-acquires the shard with a new token and re-reads the state, which is now definite.
/// </para>
/// </remarks>
internal sealed class CassandraGrainStateStore : IGrainStateStore
{
    private readonly CassandraContext _db;
    private readonly GrainLocations _locations;
    private readonly AuditIndex _audit;
    private readonly ConcurrentDictionary<string, ShardWriter> _writers = new();
    private readonly ConcurrentDictionary<GrainId, AuditOutbox> _unindexed = new();
    private readonly string _select;
    private readonly string _state;
    private readonly string _stateAndOutbox;
    private readonly string _fence;

    public CassandraGrainStateStore(CassandraContext db, GrainLocations locations, AuditIndex audit)
    {
        _db = db;
        _locations = locations;
        _audit = audit;
        var shards = $"{db.Keyspace}.shards";
        _select = $"SELECT state, outbox FROM {shards} WHERE shard_id = ? AND grain_kind = ? AND grain_key = ?";
        _state = $"UPDATE {shards} SET state = ? WHERE shard_id = ? AND grain_kind = ? AND grain_key = ?";
        _stateAndOutbox = $"UPDATE {shards} SET state = ?, outbox = ? WHERE shard_id = ? AND grain_kind = ? AND grain_key = ?";
        _fence = $"UPDATE {shards} SET range_id = ? WHERE shard_id = ? IF range_id = ?";
    }

    /// <summary>The writer of a shard: lease operations and commits of this process on it go through it.</summary>
    public ShardWriter Writer(string shardId) => _writers.GetOrAdd(shardId, s => new ShardWriter(s, WriteGroupAsync));

    public async Task<string?> ReadAsync(GrainId grain, CancellationToken cancellationToken)
    {
        if (await _locations.FindAsync(grain, cancellationToken) is not { } shard)
        {
            return null;
        }

        // QUORUM: every acknowledged commit was committed at QUORUM, whichever datacenter wrote it.
        var row = (await _db.ReadAsync(_select, StoreConsistency.Agreed, cancellationToken, shard, grain.Kind, grain.Key)).FirstOrDefault();
        if (row is null)
        {
            return null;
        }

        if (row.Get<string?>("outbox") is { } outbox)
        {
            await IndexAsync(grain, AuditOutbox.Parse(outbox), forgetOnSuccess: false);
        }

        return row.Get<string?>("state");
    }

    public Task CommitAsync(GrainCommit commit, Fence fence, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Writer(fence.ShardId).CommitAsync(new PendingCommit(commit, fence));
    }

    private async Task WriteGroupAsync(string shardId, IReadOnlyList<PendingCommit> group)
    {
        var fence = group[0].Fence;

        // One row per grain: its last state, and every audit entry not yet indexed, in order.
        var rows = new List<(GrainId Grain, string State, AuditOutbox Outbox)>();
        foreach (var pending in group)
        {
            var grain = pending.Commit.Grain;
            var index = rows.FindIndex(r => r.Grain == grain);
            var earlier = index >= 0 ? rows[index].Outbox : _unindexed.TryGetValue(grain, out var unindexed) ? unindexed : AuditOutbox.Empty;
            var row = (grain, pending.Commit.StateJson, earlier.Merge(AuditOutbox.Of(pending.Commit)));
            if (index >= 0)
            {
                rows[index] = row;
            }
            else
            {
                rows.Add(row);
            }
        }

        await Task.WhenAll(rows.Select(r => _locations.RecordAsync(r.Grain, shardId, CancellationToken.None)));

        LwtResult result;
        try
        {
            result = await _db.ConditionalAsync(await FencedWriteAsync(shardId, fence, rows), CancellationToken.None);
        }
        catch (CqlLwtOutcomeUnknownException e)
        {
            var token = await MoveFenceAsync(fence);
            Log.CommitOutcomeUnknown(_db.Logger, shardId, e.Message, token);
            Fail(group, new FenceLostException(fence, token));
            return;
        }

        if (!result.Applied)
        {
            Fail(group, new FenceLostException(fence, CurrentToken(result)));
            return;
        }

        await Task.WhenAll(rows.Where(r => !r.Outbox.IsEmpty).Select(r => IndexAsync(r.Grain, r.Outbox, forgetOnSuccess: true)));
        foreach (var pending in group)
        {
            pending.Succeed();
        }
    }

    // A single grain is one conditional UPDATE; several are a conditional batch ending with the pure fence.
    private async Task<CqlStatement> FencedWriteAsync(string shardId, Fence fence, List<(GrainId Grain, string State, AuditOutbox Outbox)> rows)
    {
        if (rows.Count == 1)
        {
            var (grain, state, outbox) = rows[0];
            return outbox.IsEmpty
                ? await _db.BindAsync(_state + " IF range_id = ?", StoreConsistency.Agreed, CancellationToken.None, state, shardId, grain.Kind, grain.Key, fence.Token)
                : await _db.BindAsync(_stateAndOutbox + " IF range_id = ?", StoreConsistency.Agreed, CancellationToken.None, state, outbox.ToJson(), shardId, grain.Kind, grain.Key, fence.Token);
        }

        var batch = new BatchStatement();
        foreach (var (grain, state, outbox) in rows)
        {
            batch.Add(outbox.IsEmpty
                ? await _db.BindAsync(_state, StoreConsistency.Agreed, CancellationToken.None, state, shardId, grain.Kind, grain.Key)
                : await _db.BindAsync(_stateAndOutbox, StoreConsistency.Agreed, CancellationToken.None, state, outbox.ToJson(), shardId, grain.Kind, grain.Key));
        }

        return batch.Add(await _db.BindAsync(_fence, StoreConsistency.Agreed, CancellationToken.None, fence.Token, shardId, fence.Token));
    }

    /// <summary>Moves the shard's token past <paramref name="fence"/>; the new token, or null when even that is unknown.</summary>
    private async Task<long?> MoveFenceAsync(Fence fence)
    {
        try
        {
            var moved = await _db.ConditionalAsync(
                await _db.BindAsync(_fence, StoreConsistency.Agreed, CancellationToken.None, fence.Token + 1, fence.ShardId, fence.Token), CancellationToken.None);
            return moved.Applied ? fence.Token + 1 : CurrentToken(moved);
        }
        catch (CqlException)
        {
            return null;
        }
    }

    private async Task IndexAsync(GrainId grain, AuditOutbox outbox, bool forgetOnSuccess)
    {
        // Entries past the audit retention are not brought back to life by a late re-write.
        if (_db.Options.AuditRetention is { } retention)
        {
            outbox = outbox.Since(DateTimeOffset.UtcNow - retention);
        }

        try
        {
            await _audit.WriteAsync(outbox, CancellationToken.None);
            if (forgetOnSuccess)
            {
                _unindexed.TryRemove(grain, out _);
            }
        }
        catch (CqlException e)
        {
            _unindexed.AddOrUpdate(grain, outbox, (_, earlier) => earlier.Merge(outbox));
            Log.IndexWriteFailed(_db.Logger, grain.ToString(), e.Message);
        }
    }

    private static long? CurrentToken(LwtResult result) =>
        result.Rows.Where(r => r.Contains("range_id")).Select(r => r.Get<long?>("range_id")).FirstOrDefault(t => t is not null);

    private static void Fail(IEnumerable<PendingCommit> group, Exception exception)
    {
        foreach (var pending in group)
        {
            pending.Fail(exception);
        }
    }
}
