namespace ControlPlane.Probing.Scheduling;

/// <summary>Bounds how many checks run at once on this silo; checks beyond it wait their turn (and so run late, which is measured as lag).</summary>
/// <remarks>
/// Without a bound, a silo given more endpoints than it can check starts them all and saturates its
/// CPU, which starves the cluster membership protocol until the silo is declared dead: the whole
/// silo is lost instead of its probes being slower. With the bound, excess checks queue here, their
/// intervals stretch, the lag is reported, and membership keeps its share of the machine.
/// </remarks>
public sealed class ProbeAdmission
{
    /// <summary>Default limit of concurrent checks per silo.</summary>
    public const int DefaultMaxConcurrent = 256;

    private readonly SemaphoreSlim _slots;
    private int _waiting;

    public ProbeAdmission(int maxConcurrent = DefaultMaxConcurrent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        MaxConcurrent = maxConcurrent;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    public int MaxConcurrent { get; }

    /// <summary>Checks running now.</summary>
    public int Running => MaxConcurrent - _slots.CurrentCount;

    /// <summary>Checks waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs <paramref name="check"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> check, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            return await check(cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }
}
