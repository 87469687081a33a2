using ControlPlane.Dns.Route53.Resilience;

namespace ControlPlane.Dns.Route53.Tests.Resilience;

public sealed class TokenBucketTests
{
    [Fact]
    public async Task A_full_bucket_lets_a_burst_through_and_then_one_request_per_refill()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(5, clock);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully, $"request {i} of the burst");
        }

        var sixth = bucket.AcquireAsync(default).AsTask();
        var seventh = bucket.AcquireAsync(default).AsTask();
        Assert.False(sixth.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(sixth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await sixth;
        Assert.False(seventh.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await seventh;
    }

    [Fact]
    public void An_idle_bucket_refills_only_up_to_its_burst()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(2, clock);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully);
        Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully);
        Assert.False(bucket.AcquireAsync(default).IsCompleted);
    }

    [Fact]
    public void LimitTo_lowers_the_rate_but_never_raises_it()
    {
        var bucket = new TokenBucket(5, new ManualClock());

        bucket.LimitTo(10);
        Assert.Equal(5, bucket.RatePerSecond);
        bucket.LimitTo(2);
        Assert.Equal(2, bucket.RatePerSecond);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_its_token_back()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(1, clock);
        await bucket.AcquireAsync(default);
        using var cancel = new CancellationTokenSource();

        var waiting = bucket.AcquireAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.AcquireAsync(default).IsCompletedSuccessfully);
    }
}
