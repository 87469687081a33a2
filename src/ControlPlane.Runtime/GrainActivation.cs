using ControlPlane.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime;

/// <summary>One live grain instance: its turn lock, its timers, its fence.</summary>
/// <remarks>
/// Every call and every timer tick is a turn: it waits for the activation's one-slot lock, so a
/// grain's code never runs concurrently with itself. The first turn is activation; a turn that
/// arrives after deactivation started fails with <see cref="GrainDeactivatedException"/> and the
/// caller retries on a new activation.
/// </remarks>
internal sealed partial class GrainActivation
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CancellationTokenSource _deactivating = new();
    private readonly List<ITimer> _timers = [];
    private readonly ILogger _logger;
    private bool _deactivated;

    public GrainActivation(GrainId id, string shard, Fence fence, Grain grain, GrainRuntime runtime, ILogger logger)
    {
        Id = id;
        Shard = shard;
        Fence = fence;
        Grain = grain;
        Runtime = runtime;
        _logger = logger;
        grain.Activation = this;
    }

    public GrainId Id { get; }

    public string Shard { get; }

    public Fence Fence { get; }

    public Grain Grain { get; }

    public GrainRuntime Runtime { get; }

    public CancellationToken Deactivating => _deactivating.Token;

    public async Task<T> RunTurnAsync<T>(Func<Task<T>> turn)
    {
        await _turn.WaitAsync();
        try
        {
            if (_deactivated)
            {
                throw new GrainDeactivatedException(Id);
            }

            return await turn();
        }
        finally
        {
            _turn.Release();
        }
    }

    public Task RunTurnAsync(Func<Task> turn) => RunTurnAsync(async () => { await turn(); return true; });

    public IDisposable RegisterTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ITimer? timer = null;
        timer = Runtime.Time.CreateTimer(_ => _ = TickAsync(), null, dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;

        async Task TickAsync()
        {
            if (_deactivating.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await RunTurnAsync(callback);
            }
            catch (GrainDeactivatedException)
            {
            }
            catch (FenceLostException e)
            {
                Runtime.OnFenceLost(this, e);
            }
            catch (Exception e) when (!_deactivating.IsCancellationRequested)
            {
                LogTimerFailed(_logger, e, Id);
            }
        }
    }

    /// <summary>Stops timers, runs the deactivation turn (unless the lease was lost) and refuses later turns.</summary>
    public async Task DeactivateAsync(bool leaseLost)
    {
        await _deactivating.CancelAsync();
        lock (_timers)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        await _turn.WaitAsync();
        try
        {
            if (_deactivated)
            {
                return;
            }

            _deactivated = true;
            if (!leaseLost)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await Grain.OnDeactivateAsync(timeout.Token);
                }
                catch (Exception e)
                {
                    LogDeactivateFailed(_logger, e, Id);
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer of grain {Grain} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deactivation of grain {Grain} failed")]
    private static partial void LogDeactivateFailed(ILogger logger, Exception exception, GrainId grain);
}
