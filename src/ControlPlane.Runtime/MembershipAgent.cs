using ControlPlane.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime;

/// <summary>Keeps this silo in the membership table and tells who is live.</summary>
/// <remarks>
/// The silo registers with a new generation (its start time), heartbeats every
/// <c>HeartbeatEvery</c> and re-reads the table. Peers whose heartbeat is older than
/// <c>DeadAfter</c> are declared dead, conditionally on the heartbeat value seen, so a silo that
/// just heartbeated is never killed; Dead is terminal. A silo whose own heartbeat is refused
/// (declared dead, or replaced by a newer generation) raises <see cref="Evicted"/> and must stop
/// acting at once; its leases are fenced anyway. Only placement uses the live set: ownership
/// itself always comes from the leases, so a wrong membership view can delay work, never
/// duplicate it.
/// </remarks>
public sealed partial class MembershipAgent : IAsyncDisposable
{
    private readonly IMembershipStore _store;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MembershipAgent> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile IReadOnlyList<SiloEntry> _live = [];

    public MembershipAgent(IMembershipStore store, SiloEntry self, MembershipOptions options, TimeProvider time, ILogger<MembershipAgent> logger)
    {
        _store = store;
        Self = self;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public SiloEntry Self { get; }

    /// <summary>Live silos as of the last round, this one included.</summary>
    public IReadOnlyList<SiloEntry> Live => _live;

    /// <summary>Raised after a round in which the live set changed.</summary>
    public event Action<IReadOnlyList<SiloEntry>>? Changed;

    /// <summary>Raised once when this silo finds itself dead or replaced: stop acting.</summary>
    public event Action<string>? Evicted;

    /// <summary>Registers; throws when another live process uses the same silo id.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered with a fresh heartbeat: the store's start-up (schema creation on Cassandra) may
        // have taken longer than DeadAfter since Self was built, and peers would declare us dead at once.
        var other = await _store.RegisterAsync(Self with { HeartbeatAt = _time.GetUtcNow() }, _options.DeadAfter, cancellationToken);
        if (other is not null)
        {
            throw new InvalidOperationException(
                $"silo id '{Self.SiloId}' is already used by a live process (generation {other.Generation}, {other.Address}, last heartbeat {other.HeartbeatAt:O}); each silo needs its own id");
        }

        LogJoined(_logger, Self.SiloId, Self.Generation, Self.Region, Self.Address.ToString());
        await RoundAsync(cancellationToken);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public async Task RoundAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!await _store.HeartbeatAsync(Self.SiloId, Self.Generation, now, cancellationToken))
        {
            LogEvicted(_logger, Self.SiloId, Self.Generation);
            await _stop.CancelAsync();
            Evicted?.Invoke("this silo was declared dead or replaced by a newer process with its id");
            return;
        }

        var all = await _store.ReadAllAsync(cancellationToken);
        var live = new List<SiloEntry>();
        foreach (var silo in all.Where(s => s.Status == SiloStatus.Active))
        {
            var self = silo.SiloId == Self.SiloId && silo.Generation == Self.Generation;
            if (self || now - silo.HeartbeatAt < _options.DeadAfter)
            {
                live.Add(self ? silo with { HeartbeatAt = now } : silo);
            }
            else if (await _store.DeclareDeadAsync(silo.SiloId, silo.Generation, silo.HeartbeatAt, cancellationToken))
            {
                LogDeclaredDead(_logger, silo.SiloId, silo.Generation, (now - silo.HeartbeatAt).TotalSeconds);
            }
        }

        var previous = _live;
        _live = live;
        if (!previous.Select(s => (s.SiloId, s.Generation)).SequenceEqual(live.Select(s => (s.SiloId, s.Generation))))
        {
            LogView(_logger, string.Join(", ", live.Select(s => $"{s.SiloId}({s.Region})")));
            Changed?.Invoke(live);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.HeartbeatEvery, _time, _stop.Token);
                await RoundAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRoundFailed(_logger, e.Message);
            }
        }
    }

    /// <summary>Leaves cleanly: marks this silo dead so peers re-place its shards at once.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        var mine = (await _store.ReadAllAsync(cancellationToken)).FirstOrDefault(s => s.SiloId == Self.SiloId && s.Generation == Self.Generation);
        if (mine is not null)
        {
            await _store.DeclareDeadAsync(mine.SiloId, mine.Generation, mine.HeartbeatAt, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} (generation {Generation}) joined in region {Region} at {Address}")]
    private static partial void LogJoined(ILogger logger, string silo, long generation, string region, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {Silo} (generation {Generation}) dead: no heartbeat for {Seconds:0.0} s")]
    private static partial void LogDeclaredDead(ILogger logger, string silo, long generation, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {Silo} (generation {Generation}) was declared dead or replaced: stopping")]
    private static partial void LogEvicted(ILogger logger, string silo, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live silos: {Silos}")]
    private static partial void LogView(ILogger logger, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership round failed: {Error}")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
