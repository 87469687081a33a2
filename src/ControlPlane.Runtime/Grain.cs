using ControlPlane.Storage;

namespace ControlPlane.Runtime;

/// <summary>Base class of every grain implementation. One instance per activation; its methods never run concurrently.</summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    /// <summary>This grain's identity.</summary>
    public GrainId Id => Activation.Id;

    internal GrainActivation Activation
    {
        get => _activation ?? throw new InvalidOperationException("grain is not activated");
        set => _activation = value;
    }

    /// <summary>References to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime;

    protected TimeProvider Time => Activation.Runtime.Time;

    /// <summary>The owner's fence for this grain's shard, to pass with every write.</summary>
    protected Fence Fence => Activation.Fence;

    /// <summary>Cancelled when the activation is deactivated (shutdown, lost lease, grain removed).</summary>
    protected CancellationToken Deactivating => Activation.Deactivating;

    /// <summary>Runs once, as the activation's first turn, before any call.</summary>
    protected internal virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn. Not called when the lease was lost: the grain must not write then.</summary>
    protected internal virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="work"/> as a turn of this grain, for work that started outside a turn
    /// (a probe or a DNS apply awaited without holding the grain). Never call it from inside a
    /// turn: turns do not nest, so that would wait forever.
    /// </summary>
    protected Task RunInTurnAsync(Func<Task> work) => Activation.RunTurnAsync(work);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn after <paramref name="dueTime"/>, then every
    /// <paramref name="period"/> (or once, when it is <see cref="Timeout.InfiniteTimeSpan"/>).
    /// Ticks stop with the activation.
    /// </summary>
    protected IDisposable RegisterTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);
}
