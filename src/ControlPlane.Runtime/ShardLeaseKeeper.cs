using System.Collections.Concurrent;
using ControlPlane.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime;

/// <summary>Acquires, renews and releases this silo's shard leases, and says which it holds.</summary>
/// <remarks>
/// A held shard is usable only until <c>renewal start + TTL - safety margin</c>, measured on this
/// silo's clock from before the renewal was sent, so the silo stops acting before any other silo
/// can take the shard, even if it cannot reach the store at all. A refused renewal (the token
/// moved on) drops the shard at once. Shards wanted but held by someone else are retried every
/// round, which is how a crashed owner's shards are taken over once its lease expires.
/// </remarks>
public sealed partial class ShardLeaseKeeper : IShardOwnership, IAsyncDisposable
{
    private readonly ILeaseStore _leases;
    private readonly LeaseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ShardLeaseKeeper> _logger;
    private readonly ConcurrentDictionary<string, Held> _held = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile IReadOnlySet<string> _wanted = new HashSet<string>();
    private Task? _loop;

    public ShardLeaseKeeper(ILeaseStore leases, string owner, LeaseOptions options, TimeProvider time, ILogger<ShardLeaseKeeper> logger)
    {
        _leases = leases;
        Owner = owner;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Owner { get; }

    public event Action<string>? ShardLost;

    public event Action<string>? ShardAcquired;

    /// <summary>Shards this silo holds a usable lease on now.</summary>
    public IReadOnlyCollection<string> HeldShards => _held.Where(h => Usable(h.Value)).Select(h => h.Key).ToList();

    public bool TryGetFence(string shardId, out Fence fence)
    {
        if (_held.TryGetValue(shardId, out var held) && Usable(held))
        {
            fence = held.Lease.Fence;
            return true;
        }

        fence = default;
        return false;
    }

    /// <summary>Sets the shards this silo should own; the next round acquires new ones and releases the others.</summary>
    public void SetWanted(IEnumerable<string> shards) => _wanted = shards.ToHashSet();

    /// <summary>Runs one acquisition round now, then keeps renewing in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RoundAsync(cancellationToken);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>One round: renew held, acquire wanted, release unwanted, drop expired.</summary>
    /// <remarks>
    /// Shards are handled concurrently: each is its own lease (its own Paxos round on Cassandra), and one
    /// after the other a round would take shards x store latency, which with a few dozen shards and
    /// cross-datacenter Paxos exceeds the lease itself.
    /// </remarks>
    public async Task RoundAsync(CancellationToken cancellationToken)
    {
        var wanted = _wanted;
        var work = new List<Task>();
        foreach (var (shard, held) in _held.ToArray())
        {
            work.Add(wanted.Contains(shard) ? RenewAsync(shard, held, cancellationToken) : ReleaseAsync(shard, held, cancellationToken));
        }

        work.AddRange(wanted.Where(s => !_held.ContainsKey(s)).Select(s => TryAcquireAsync(s, cancellationToken)));
        await Task.WhenAll(work);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RenewEvery, _time, _stop.Token);
                await RoundAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRoundFailed(_logger, e);
            }
        }
    }

    private async Task TryAcquireAsync(string shard, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        try
        {
            var lease = await _leases.TryAcquireAsync(shard, Owner, _options.Ttl, started, cancellationToken);
            if (lease is not null)
            {
                _held[shard] = new Held(lease, Deadline(started));
                LogAcquired(_logger, shard, lease.Token);
                ShardAcquired?.Invoke(shard);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreError(_logger, shard, e.Message);
        }
    }

    private async Task RenewAsync(string shard, Held held, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        if (!Usable(held))
        {
            Drop(shard, "not renewed in time");
            return;
        }

        try
        {
            if (await _leases.TryRenewAsync(held.Lease, _options.Ttl, started, cancellationToken))
            {
                _held[shard] = held with { UsableUntil = Deadline(started) };
            }
            else
            {
                Drop(shard, "renewal refused: another silo took it");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreError(_logger, shard, e.Message);
            if (!Usable(held))
            {
                Drop(shard, "store unreachable until the lease ran out");
            }
        }
    }

    private async Task ReleaseAsync(string shard, Held held, CancellationToken cancellationToken)
    {
        Drop(shard, "released", released: true);
        try
        {
            await _leases.ReleaseAsync(held.Lease, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreError(_logger, shard, e.Message);
        }
    }

    private void Drop(string shard, string reason, bool released = false)
    {
        if (_held.TryRemove(shard, out _))
        {
            if (released)
            {
                LogReleased(_logger, shard);
            }
            else
            {
                LogLost(_logger, shard, reason);
            }

            ShardLost?.Invoke(shard);
        }
    }

    private DateTimeOffset Deadline(DateTimeOffset renewalStarted) => renewalStarted + _options.Ttl - _options.SafetyMargin;

    private bool Usable(Held held) => _time.GetUtcNow() < held.UsableUntil;

    /// <summary>Drops every shard at once without touching the store (this silo was evicted): stop acting now.</summary>
    public void DropAll(string reason)
    {
        _stop.Cancel();
        _wanted = new HashSet<string>();
        foreach (var shard in _held.Keys)
        {
            Drop(shard, reason);
        }
    }

    /// <summary>Stops renewing and releases every held lease so other silos can take over at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        foreach (var (shard, held) in _held)
        {
            await ReleaseAsync(shard, held, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }
    }

    private sealed record Held(ShardLease Lease, DateTimeOffset UsableUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquired shard {Shard} with token {Token}")]
    private static partial void LogAcquired(ILogger logger, string shard, long token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost shard {Shard}: {Reason}")]
    private static partial void LogLost(ILogger logger, string shard, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released shard {Shard}")]
    private static partial void LogReleased(ILogger logger, string shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease store error for shard {Shard}: {Error}")]
    private static partial void LogStoreError(ILogger logger, string shard, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
