using ControlPlane.Storage;

namespace ControlPlane.Runtime.Tests;

public interface ICounterGrain : IGrain
{
    Task<int> IncrementAsync();

    Task<int> MaxConcurrencyAsync();
}

public sealed class CounterState
{
    public int Count { get; set; }
}

/// <summary>A persistent grain that records how many of its calls ever overlapped.</summary>
internal sealed class CounterGrain(IGrainStateStore store) : PersistentGrain<CounterState>(store), ICounterGrain
{
    private static int s_running;
    private static int s_max;

    public static void Reset() => (s_running, s_max) = (0, 0);

    public async Task<int> IncrementAsync()
    {
        var running = Interlocked.Increment(ref s_running);
        s_max = Math.Max(s_max, running);
        await Task.Yield();
        State.Count++;
        await CommitAsync();
        Interlocked.Decrement(ref s_running);
        return State.Count;
    }

    public Task<int> MaxConcurrencyAsync() => Task.FromResult(s_max);
}
