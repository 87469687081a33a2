using ControlPlane.Core.Definitions;
using ControlPlane.Probing.Scheduling;

namespace ControlPlane.Probing.Tests;

public sealed class ProbeScheduleTests
{
    private const int Samples = 20_000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void First_delay_is_within_zero_and_the_interval_and_spreads_over_all_of_it()
    {
        var schedule = new ProbeSchedule(Interval, 0.1, new Random(1));

        var delays = Enumerable.Range(0, Samples).Select(_ => schedule.FirstDelay()).ToList();

        Assert.All(delays, d => Assert.True(d >= TimeSpan.Zero && d < Interval, d.ToString()));
        Assert.True(delays.Min() < Interval * 0.01);
        Assert.True(delays.Max() > Interval * 0.99);
        // Uniform: each tenth of the interval gets about a tenth of the endpoints.
        var buckets = delays.GroupBy(d => (int)(d / Interval * 10)).Select(g => g.Count()).ToList();
        Assert.Equal(10, buckets.Count);
        Assert.All(buckets, count => Assert.InRange(count, Samples / 10 * 0.9, Samples / 10 * 1.1));
    }

    [Fact]
    public void Next_delay_stays_within_the_jitter_band_around_the_interval()
    {
        var schedule = new ProbeSchedule(Interval, 0.1, new Random(2));

        var delays = Enumerable.Range(0, Samples).Select(_ => schedule.NextDelay()).ToList();

        Assert.All(delays, d => Assert.True(d >= Interval * 0.9 && d <= Interval * 1.1, d.ToString()));
        Assert.True(delays.Min() < Interval * 0.91, "reaches the lower edge");
        Assert.True(delays.Max() > Interval * 1.09, "reaches the upper edge");
        Assert.InRange(delays.Average(d => d.TotalSeconds), 9.95, 10.05);
    }

    [Fact]
    public void Two_endpoints_starting_together_do_not_stay_in_lockstep()
    {
        var first = new ProbeSchedule(Interval, 0.1, new Random(3));
        var second = new ProbeSchedule(Interval, 0.1, new Random(4));
        var a = TimeSpan.Zero;
        var b = TimeSpan.Zero;
        var distinct = 0;

        for (var i = 0; i < 100; i++)
        {
            a += first.NextDelay();
            b += second.NextDelay();
            distinct += (a - b).Duration() > TimeSpan.FromMilliseconds(10) ? 1 : 0;
        }

        Assert.True(distinct > 90, $"{distinct} of 100 checks more than 10 ms apart");
    }

    [Fact]
    public void A_fast_recheck_delay_keeps_the_jitter_band_around_the_fast_interval()
    {
        var schedule = new ProbeSchedule(Interval, 0.1, new Random(6));
        var fast = Interval / 4;
        var delays = Enumerable.Range(0, 1000).Select(_ => schedule.NextDelay(fast)).ToList();

        Assert.All(delays, d => Assert.InRange(d, fast * 0.9, fast * 1.1));
        Assert.Equal(Interval / 4, new CheckDefinition { Id = "c", Kind = CheckKind.Http, Interval = Interval }.EffectiveFastInterval);
    }

    [Fact]
    public void Zero_jitter_gives_exactly_the_interval()
    {
        var schedule = new ProbeSchedule(Interval, 0, new Random(5));

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(Interval, schedule.NextDelay()));
    }

    [Fact]
    public void Same_seed_gives_the_same_schedule()
    {
        var one = new ProbeSchedule(Interval, 0.2, new Random(42));
        var two = new ProbeSchedule(Interval, 0.2, new Random(42));

        Assert.Equal(one.FirstDelay(), two.FirstDelay());
        Assert.Equal(
            Enumerable.Range(0, 10).Select(_ => one.NextDelay()).ToList(),
            Enumerable.Range(0, 10).Select(_ => two.NextDelay()).ToList());
    }

    [Fact]
    public void Schedule_for_a_check_uses_its_interval_and_jitter()
    {
        var check = new CheckDefinition { Id = "c", Kind = CheckKind.Tcp, Interval = TimeSpan.FromSeconds(1), Jitter = 0.25 };

        var schedule = ProbeSchedule.For(check, new Random(6));

        Assert.Equal(TimeSpan.FromSeconds(1), schedule.Interval);
        Assert.Equal(0.25, schedule.Jitter);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.InRange(schedule.NextDelay(), TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1250)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Jitter_outside_zero_to_one_is_rejected(double jitter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbeSchedule(Interval, jitter, new Random()));
    }

    [Fact]
    public void Non_positive_interval_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbeSchedule(TimeSpan.Zero, 0.1, new Random()));
    }
}
