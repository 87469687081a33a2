using System.Runtime.CompilerServices;

namespace ControlPlane.Probing.Scheduling;

/// <summary>One timer for every check deadline and probe wake-up of a silo: a hashed timing wheel with 10 ms slots.</summary>
/// <remarks>
/// A check used to cost four .NET timer operations (a timed <see cref="CancellationTokenSource"/>
/// for the check and one for its connect, each created and disposed) plus a grain timer change and
/// firing. .NET keeps timers in a queue per core whose lock is held while it walks the timers due
/// soon; with thousands of probes that walk is long, so threads queue on the lock and the cost per
/// check grows with the number of probes (the profile of a silo with 3,000 endpoints showed a third
/// of its busy time in and around that lock). Here an entry is put in the slot of its due time
/// (O(1) under a short lock); one timer, running only while entries exist, ticks every
/// <see cref="Tick"/> and fires the entries of the slots that have come due. An entry fires at or
/// at most about one tick after its due time, never before. Removal is lazy: a removed entry is
/// dropped when its slot is next visited. One wheel per
/// <see cref="TimeProvider"/> (<see cref="For"/>), so a fake clock in tests drives it too.
/// </remarks>
public sealed class TimerWheel
{
    /// <summary>Resolution of the wheel.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private const int SlotCount = 512; // 5.12 s per round; later entries wait in their slot for their round

    private static readonly ConditionalWeakTable<TimeProvider, TimerWheel> Wheels = new();

    private readonly TimeProvider _time;
    private readonly long _tickTimestamp;
    private readonly List<Entry>[] _slots = new List<Entry>[SlotCount];
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private long _nextSlotStart;
    private int _count;
    private bool _running;

    private TimerWheel(TimeProvider time)
    {
        _time = time;
        _tickTimestamp = Math.Max(1, (long)(time.TimestampFrequency * Tick.TotalSeconds));
        for (var i = 0; i < SlotCount; i++)
        {
            _slots[i] = [];
        }

        _timer = time.CreateTimer(static state => ((TimerWheel)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The wheel of <paramref name="time"/>, created on first use.</summary>
    public static TimerWheel For(TimeProvider time) => Wheels.GetValue(time, static t => new TimerWheel(t));

    /// <summary>Entries waiting (removed ones included until their slot is visited).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A token source cancelled once <paramref name="timeout"/> has passed; dispose it when done.</summary>
    public Deadline StartDeadline(TimeSpan timeout)
    {
        var deadline = new Deadline();
        Add(deadline, timeout);
        return deadline;
    }

    /// <summary>Completes once <paramref name="delay"/> has passed; cancelled with <paramref name="cancellationToken"/>.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var wait = new DelayEntry(cancellationToken);
        Add(wait, delay);
        return wait.Task;
    }

    private void Add(Entry entry, TimeSpan delay)
    {
        var due = _time.GetTimestamp() + (long)(Math.Max(0, delay.TotalSeconds) * _time.TimestampFrequency);
        entry.Due = due;
        lock (_lock)
        {
            if (!_running)
            {
                _nextSlotStart = _time.GetTimestamp() / _tickTimestamp * _tickTimestamp;
                _running = true;
                _timer.Change(Tick, Tick);
            }

            var slotStart = Math.Max(due / _tickTimestamp * _tickTimestamp, _nextSlotStart);
            _slots[(int)(slotStart / _tickTimestamp % SlotCount)].Add(entry);
            _count++;
        }
    }

    private void OnTick()
    {
        List<Entry>? due = null;
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            // Visit every slot whose time has passed, even after a late tick (a pause, a starved timer thread):
            // each of its entries of this round is due by now.
            var visited = 0;
            while (_nextSlotStart + _tickTimestamp <= now && visited < SlotCount)
            {
                var slot = _slots[(int)(_nextSlotStart / _tickTimestamp % SlotCount)];
                var kept = 0;
                for (var i = 0; i < slot.Count; i++)
                {
                    var entry = slot[i];
                    if (entry.Removed)
                    {
                        _count--;
                    }
                    else if (entry.Due <= now)
                    {
                        (due ??= []).Add(entry);
                        _count--;
                    }
                    else
                    {
                        slot[kept++] = entry; // a later round
                    }
                }

                slot.RemoveRange(kept, slot.Count - kept);
                _nextSlotStart += _tickTimestamp;
                visited++;
            }

            if (_nextSlotStart + _tickTimestamp <= now)
            {
                _nextSlotStart = now / _tickTimestamp * _tickTimestamp; // a pause longer than a round: every slot was visited
            }

            if (_count == 0)
            {
                _running = false;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        if (due is not null)
        {
            foreach (var entry in due)
            {
                entry.Fire();
            }
        }
    }

    /// <summary>Something due at a time.</summary>
    public abstract class Entry
    {
        internal long Due { get; set; }

        internal bool Removed { get; private protected set; }

        internal abstract void Fire();
    }

    /// <summary>A check's deadline: <see cref="Token"/> is cancelled when it passes, or by <see cref="Cancel"/>.</summary>
    public sealed class Deadline : Entry, IDisposable
    {
        private readonly CancellationTokenSource _source = new();

        internal Deadline()
        {
        }

        public CancellationToken Token => _source.Token;

        public bool IsCancellationRequested => _source.IsCancellationRequested;

        public void Cancel()
        {
            if (!Removed)
            {
                _source.Cancel();
            }
        }

        public void Dispose()
        {
            Removed = true;
            _source.Dispose();
        }

        internal override void Fire()
        {
            try
            {
                Cancel();
            }
            catch (ObjectDisposedException)
            {
                // disposed between the visit of its slot and now: the check is over
            }
        }
    }

    private sealed class DelayEntry : Entry
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _registration;

        public DelayEntry(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(static (state, token) =>
                {
                    var self = (DelayEntry)state!;
                    self.Removed = true;
                    self._done.TrySetCanceled(token);
                }, this);
            }
        }

        public Task Task => _done.Task;

        internal override void Fire()
        {
            _registration.Dispose();
            _done.TrySetResult();
        }
    }
}
