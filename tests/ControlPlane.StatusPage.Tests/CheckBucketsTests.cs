using ControlPlane.Grains.Endpoint.History;

namespace ControlPlane.StatusPage.Tests;

public sealed class CheckBucketsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Checks_land_in_their_bucket_with_the_mean_latency_of_successes()
    {
        var ring = new CheckBuckets(TimeSpan.FromMinutes(1), 5);
        ring.Record(T0.AddSeconds(1), success: true, TimeSpan.FromMilliseconds(10));
        ring.Record(T0.AddSeconds(2), success: true, TimeSpan.FromMilliseconds(30));
        ring.Record(T0.AddSeconds(3), success: false, TimeSpan.FromSeconds(2));

        var series = ring.Read(T0.AddSeconds(30));

        Assert.Equal(T0.AddMinutes(-4), series.Start);
        Assert.Equal([0, 0, 0, 0, 3], series.Checks);
        Assert.Equal([0, 0, 0, 0, 1], series.Failures);
        Assert.Equal([null, null, null, null, 20.0], series.LatencyMs);
    }

    [Fact]
    public void Moving_past_the_ring_clears_old_buckets_and_ignores_late_ones()
    {
        var ring = new CheckBuckets(TimeSpan.FromMinutes(1), 3);
        ring.Record(T0, success: true, TimeSpan.FromMilliseconds(5));
        ring.Record(T0.AddMinutes(1), success: false, TimeSpan.Zero);
        ring.Record(T0.AddMinutes(4), success: true, TimeSpan.FromMilliseconds(7)); // T0 and T0+1 are out of the ring now
        ring.Record(T0.AddMinutes(1), success: true, TimeSpan.FromMilliseconds(9)); // too late: ignored

        var series = ring.Read(T0.AddMinutes(4));

        Assert.Equal([0, 0, 1], series.Checks);
        Assert.Equal([null, null, 7.0], series.LatencyMs);
    }

    [Fact]
    public void Reading_later_than_the_last_check_shows_the_quiet_buckets_as_empty()
    {
        var ring = new CheckBuckets(TimeSpan.FromMinutes(1), 3);
        ring.Record(T0, success: true, TimeSpan.FromMilliseconds(5));

        Assert.Equal([0, 1, 0], ring.Read(T0.AddMinutes(1)).Checks);
        Assert.Equal([0, 0, 0], ring.Read(T0.AddMinutes(3)).Checks);
    }
}
