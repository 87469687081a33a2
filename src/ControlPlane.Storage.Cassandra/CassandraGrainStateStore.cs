using System.Collections.Concurrent;
using ControlPlane.Cql;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Grain state in a partition per grain, written by one lightweight transaction conditioned on its ETag.</summary>
/// <remarks>
/// A write is one conditional statement on the grain's partition, Paxos at SERIAL, committed at QUORUM:
/// <c>INSERT ... IF NOT EXISTS</c> when the writer expects no state, else
/// <c>UPDATE ... SET state, etag, outbox ... IF etag = ?</c>, with a fresh random ETag. Of writers racing on
/// one ETag exactly one wins; the others, and a deposed duplicate activation, get
/// <see cref="GrainStateConflictException"/> and write nothing.
/// <para>
/// The write's decisions and DNS changes ride in the row's <c>outbox</c> column inside the same transaction.
/// Once it is applied, the audit query tables are written from the outbox (<see cref="AuditIndex"/>,
/// idempotent by id). If that fails the entries are kept here and carried forward (merged) into the grain's
/// next outbox; if the process dies in between, the next <see cref="ReadAsync"/> of the grain (its next
/// activation, on any silo) writes them again from the row. A crash delays audit rows, never loses them.
/// </para>
/// <para>
/// A transaction whose answer is lost (<see cref="CqlLwtOutcomeUnknownException"/>) is never taken for
/// success: the row is read at SERIAL, which completes or buries the round in flight. Our new ETag there
/// means the write landed; the expected ETag still there means it did not, and it is retried (at most
/// <see cref="MaxAttempts"/> rounds in all, then the exception is rethrown: the outcome stays unknown, and the
/// caller's next write with its old ETag tells); anything else is a conflict.
/// </para>
/// </remarks>
internal sealed class CassandraGrainStateStore : IGrainStateStore
{
    /// <summary>Conditional rounds per write or clear whose outcomes were unknown and found not applied.</summary>
    public const int MaxAttempts = 3;

    private readonly CassandraContext _db;
    private readonly AuditIndex _audit;
    private readonly ConcurrentDictionary<GrainKey, AuditOutbox> _unindexed = new();
    private readonly string _select;
    private readonly string _insert;
    private readonly string _insertWithOutbox;
    private readonly string _update;
    private readonly string _updateWithOutbox;
    private readonly string _delete;

    public CassandraGrainStateStore(CassandraContext db, AuditIndex audit)
    {
        _db = db;
        _audit = audit;
        var table = $"{db.Keyspace}.grain_state";
        _select = $"SELECT state, etag, outbox FROM {table} WHERE grain_kind = ? AND grain_key = ?";
        _insert = $"INSERT INTO {table} (grain_kind, grain_key, state, etag) VALUES (?, ?, ?, ?) IF NOT EXISTS";
        _insertWithOutbox = $"INSERT INTO {table} (grain_kind, grain_key, state, etag, outbox) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS";
        _update = $"UPDATE {table} SET state = ?, etag = ? WHERE grain_kind = ? AND grain_key = ? IF etag = ?";
        _updateWithOutbox = $"UPDATE {table} SET state = ?, etag = ?, outbox = ? WHERE grain_kind = ? AND grain_key = ? IF etag = ?";
        _delete = $"DELETE FROM {table} WHERE grain_kind = ? AND grain_key = ? IF etag = ?";
    }

    public async Task<StoredGrainState?> ReadAsync(GrainKey grain, CancellationToken cancellationToken)
    {
        // QUORUM: every applied write was committed at QUORUM, whichever datacenter wrote it.
        var row = (await _db.ReadAsync(_select, StoreConsistency.Agreed, cancellationToken, grain.Kind, grain.Key)).FirstOrDefault();
        if (row?.Get<string?>("etag") is not { } etag)
        {
            return null;
        }

        if (row.Get<string?>("outbox") is { } outbox)
        {
            await IndexAsync(grain, AuditOutbox.Parse(outbox));
        }

        return new StoredGrainState(row.Get<string>("state"), etag);
    }

    public async Task<string> WriteAsync(GrainStateWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var grain = write.Grain;
        var earlier = _unindexed.TryGetValue(grain, out var unindexed) ? unindexed : AuditOutbox.Empty;
        var outbox = earlier.Merge(AuditOutbox.Of(write));
        var attempted = new List<string>();
        string? landed = null;
        while (landed is null)
        {
            var etag = Guid.NewGuid().ToString("N");
            attempted.Add(etag);
            try
            {
                // Once sent, a round is seen through to a definite answer: it is not cancelled half-way.
                var result = await _db.ConditionalAsync(await BindWriteAsync(write, outbox, etag), CancellationToken.None);
                if (!result.Applied)
                {
                    throw new GrainStateConflictException(grain, write.ExpectedETag, StoredETag(result));
                }

                landed = etag;
            }
            catch (CqlLwtOutcomeUnknownException e)
            {
                var stored = await ReadSerialETagAsync(grain, e);
                if (stored is not null && attempted.Contains(stored))
                {
                    Log.OutcomeUnknown(_db.Logger, grain.ToString(), "write", e.Message, "our ETag: the write landed");
                    landed = stored;
                }
                else if (stored != write.ExpectedETag)
                {
                    Log.OutcomeUnknown(_db.Logger, grain.ToString(), "write", e.Message, $"another writer's ETag {stored ?? "(no state)"}: conflict");
                    throw new GrainStateConflictException(grain, write.ExpectedETag, stored);
                }
                else if (attempted.Count == MaxAttempts)
                {
                    Log.OutcomeUnknown(_db.Logger, grain.ToString(), "write", e.Message, $"not applied after {MaxAttempts} rounds: giving up, nothing written");
                    throw;
                }
                else
                {
                    Log.OutcomeUnknown(_db.Logger, grain.ToString(), "write", e.Message, "not applied: retrying");
                }
            }
        }

        if (!outbox.IsEmpty && await IndexAsync(grain, outbox) && !earlier.IsEmpty)
        {
            // Only what this write carried forward; entries a concurrent write added stay for the next one.
            _unindexed.TryRemove(new KeyValuePair<GrainKey, AuditOutbox>(grain, earlier));
        }

        return landed;
    }

    public async Task ClearAsync(GrainKey grain, string? expectedETag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Audit entries still waiting for their index rows would be lost with the row: write them first.
        if (_unindexed.TryGetValue(grain, out var unindexed))
        {
            await _audit.WriteAsync(Retained(unindexed), cancellationToken);
            _unindexed.TryRemove(new KeyValuePair<GrainKey, AuditOutbox>(grain, unindexed));
        }

        if (expectedETag is null)
        {
            // Nothing to delete: success only if there is indeed nothing (a linearizable read says so).
            if (await ReadSerialETagAsync(grain, null) is { } stored)
            {
                throw new GrainStateConflictException(grain, null, stored);
            }

            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var delete = await _db.BindAsync(_delete, StoreConsistency.Agreed, CancellationToken.None, grain.Kind, grain.Key, expectedETag);
                var result = await _db.ConditionalAsync(delete, CancellationToken.None);
                if (!result.Applied)
                {
                    throw new GrainStateConflictException(grain, expectedETag, StoredETag(result));
                }

                return;
            }
            catch (CqlLwtOutcomeUnknownException e)
            {
                var stored = await ReadSerialETagAsync(grain, e);
                if (stored is null)
                {
                    Log.OutcomeUnknown(_db.Logger, grain.ToString(), "clear", e.Message, "no state: cleared");
                    return;
                }

                if (stored != expectedETag)
                {
                    Log.OutcomeUnknown(_db.Logger, grain.ToString(), "clear", e.Message, $"another writer's ETag {stored}: conflict");
                    throw new GrainStateConflictException(grain, expectedETag, stored);
                }

                Log.OutcomeUnknown(_db.Logger, grain.ToString(), "clear", e.Message, attempt == MaxAttempts ? "not applied: giving up" : "not applied: retrying");
                if (attempt == MaxAttempts)
                {
                    throw;
                }
            }
        }
    }

    private Task<BoundStatement> BindWriteAsync(GrainStateWrite write, AuditOutbox outbox, string etag)
    {
        var (grain, state, expected) = (write.Grain, write.StateJson, write.ExpectedETag);
        var ct = CancellationToken.None;
        return (expected, outbox.IsEmpty) switch
        {
            (null, true) => _db.BindAsync(_insert, StoreConsistency.Agreed, ct, grain.Kind, grain.Key, state, etag),
            (null, false) => _db.BindAsync(_insertWithOutbox, StoreConsistency.Agreed, ct, grain.Kind, grain.Key, state, etag, outbox.ToJson()),
            (_, true) => _db.BindAsync(_update, StoreConsistency.Agreed, ct, state, etag, grain.Kind, grain.Key, expected),
            (_, false) => _db.BindAsync(_updateWithOutbox, StoreConsistency.Agreed, ct, state, etag, outbox.ToJson(), grain.Kind, grain.Key, expected),
        };
    }

    /// <summary>The grain's ETag read at SERIAL (completing or burying any round in flight); null when no state.</summary>
    /// <param name="unknown">The unknown outcome being resolved: rethrown when even this read fails.</param>
    private async Task<string?> ReadSerialETagAsync(GrainKey grain, CqlLwtOutcomeUnknownException? unknown)
    {
        try
        {
            var row = (await _db.ReadAsync(_select, StoreConsistency.Paxos, CancellationToken.None, grain.Kind, grain.Key)).FirstOrDefault();
            return row?.Get<string?>("etag");
        }
        catch (CqlException) when (unknown is not null)
        {
            Log.OutcomeUnknown(_db.Logger, grain.ToString(), "write", unknown.Message, "the SERIAL read failed too: the outcome stays unknown");
            throw unknown;
        }
    }

    /// <summary>Writes the outbox's audit rows; false (entries kept here for the grain's next write) when that fails.</summary>
    private async Task<bool> IndexAsync(GrainKey grain, AuditOutbox outbox)
    {
        try
        {
            await _audit.WriteAsync(Retained(outbox), CancellationToken.None);
            return true;
        }
        catch (CqlException e)
        {
            _unindexed.AddOrUpdate(grain, outbox, (_, earlier) => earlier.Merge(outbox));
            Log.IndexWriteFailed(_db.Logger, grain.ToString(), e.Message);
            return false;
        }
    }

    // Entries past the audit retention are not brought back to life by a late re-write.
    private AuditOutbox Retained(AuditOutbox outbox) =>
        _db.Options.AuditRetention is { } retention ? outbox.Since(DateTimeOffset.UtcNow - retention) : outbox;

    private static string? StoredETag(LwtResult result) =>
        result.Rows.Where(r => r.Contains("etag")).Select(r => r.Get<string?>("etag")).FirstOrDefault(e => e is not null);
}
