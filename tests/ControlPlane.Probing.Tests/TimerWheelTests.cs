using ControlPlane.Probing.Scheduling;

namespace ControlPlane.Probing.Tests;

public sealed class TimerWheelTests
{
    [Fact]
    public void Deadline_is_cancelled_after_its_timeout_never_before()
    {
        var clock = new SteppingClock();
        var wheel = TimerWheel.For(clock);
        using var deadline = wheel.StartDeadline(TimeSpan.FromMilliseconds(305));

        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(deadline.IsCancellationRequested);

        clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(deadline.IsCancellationRequested);
    }

    [Fact]
    public void Deadline_longer_than_one_turn_of_the_wheel_waits_for_its_own_turn()
    {
        var clock = new SteppingClock();
        using var deadline = TimerWheel.For(clock).StartDeadline(TimeSpan.FromSeconds(7));

        clock.Advance(TimeSpan.FromSeconds(6.99));
        Assert.False(deadline.IsCancellationRequested);

        clock.Advance(TimeSpan.FromMilliseconds(30));
        Assert.True(deadline.IsCancellationRequested);
    }

    [Fact]
    public void Disposed_deadline_is_dropped_and_the_wheel_stops_when_empty()
    {
        var clock = new SteppingClock();
        var wheel = TimerWheel.For(clock);
        var deadline = wheel.StartDeadline(TimeSpan.FromMilliseconds(50));
        deadline.Dispose();

        clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(0, wheel.Count);
        Assert.False(clock.HasTimers);
    }

    [Fact]
    public async Task Delay_completes_after_its_delay_and_a_cancelled_one_is_cancelled()
    {
        var clock = new SteppingClock();
        var wheel = TimerWheel.For(clock);
        using var cancel = new CancellationTokenSource();
        var delay = wheel.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var cancelled = wheel.DelayAsync(TimeSpan.FromSeconds(1), cancel.Token);

        clock.Advance(TimeSpan.FromMilliseconds(990));
        Assert.False(delay.IsCompleted);
        await cancel.CancelAsync();

        clock.Advance(TimeSpan.FromMilliseconds(20));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    /// <summary>A clock moved by the test in 1 ms steps; periodic timers fire at every period that passes.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private readonly List<Timer> _timers = [];
        private long _ticks = TimeSpan.FromDays(1).Ticks;

        public bool HasTimers => _timers.Any(t => t.DueAt is not null);

        public override long GetTimestamp() => _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => new(_ticks, TimeSpan.Zero);

        public void Advance(TimeSpan by)
        {
            var end = _ticks + by.Ticks;
            while (_ticks < end)
            {
                _ticks = Math.Min(end, _ticks + TimeSpan.TicksPerMillisecond);
                foreach (var timer in _timers.Where(t => t.DueAt <= _ticks).ToList())
                {
                    timer.Fire();
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(this, callback, state);
            _timers.Add(timer);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class Timer(SteppingClock clock, TimerCallback callback, object? state) : ITimer
        {
            private long _period;

            public long? DueAt { get; private set; }

            public void Fire()
            {
                DueAt = _period > 0 ? DueAt + _period : null;
                callback(state);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._ticks + dueTime.Ticks;
                _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                return true;
            }

            public void Dispose() => DueAt = null;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
