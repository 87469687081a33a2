using ControlPlane.Core.Drains;

namespace ControlPlane.Core.Tests.Drains;

public sealed class DrainProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private static DrainRecord Draining() => new("web-a:1", "web-a", "web", DrainState.Draining, "kernel", "ops", T0);

    [Fact]
    public void A_drain_stays_draining_while_dns_serves_the_endpoint()
    {
        var drain = DrainProgress.Advance(Draining(), new DnsServing(true, T0.AddSeconds(-60)), Ttl, false, T0.AddSeconds(100));
        Assert.Equal(DrainState.Draining, drain.State);
        Assert.Null(drain.NotServedSince);
    }

    [Fact]
    public void A_drain_is_drained_only_once_the_ttl_has_passed_since_dns_stopped_serving_it()
    {
        var unpublished = T0.AddSeconds(2);
        var drain = DrainProgress.Advance(Draining(), new DnsServing(false, unpublished), Ttl, false, T0.AddSeconds(3));
        Assert.Equal((DrainState.Draining, unpublished), (drain.State, drain.NotServedSince));

        drain = DrainProgress.Advance(drain, new DnsServing(false, unpublished.AddSeconds(10)), Ttl, false, unpublished + Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal(DrainState.Draining, drain.State);
        Assert.Equal(unpublished, drain.NotServedSince); // a later change does not move it

        drain = DrainProgress.Advance(drain, new DnsServing(false, unpublished.AddSeconds(10)), Ttl, false, unpublished + Ttl);
        Assert.Equal(DrainState.Drained, drain.State);
        Assert.Equal(unpublished + Ttl, drain.DrainedAt);
    }

    [Fact]
    public void An_endpoint_already_out_of_dns_counts_the_ttl_from_the_start_of_the_drain()
    {
        var drain = DrainProgress.Advance(Draining(), new DnsServing(false, T0.AddMinutes(-10)), Ttl, false, T0.AddSeconds(1));
        Assert.Equal(T0, drain.NotServedSince);
        Assert.Equal(DrainState.Drained, DrainProgress.Advance(drain, new DnsServing(false, T0.AddMinutes(-10)), Ttl, false, T0 + Ttl).State);
    }

    [Fact]
    public void An_unconfirmed_record_set_or_the_endpoint_served_again_starts_the_wait_over()
    {
        var drain = DrainProgress.Advance(Draining(), new DnsServing(false, T0.AddSeconds(1)), Ttl, false, T0.AddSeconds(2));
        Assert.NotNull(drain.NotServedSince);
        drain = DrainProgress.Advance(drain, new DnsServing(true, T0.AddSeconds(5)), Ttl, false, T0.AddSeconds(6)); // fail open put it back
        Assert.Null(drain.NotServedSince);
        drain = DrainProgress.Advance(drain, new DnsServing(false, T0.AddSeconds(7), Confirmed: false), Ttl, false, T0.AddSeconds(60)); // Route 53 not INSYNC
        Assert.Equal((DrainState.Draining, (DateTimeOffset?)null), (drain.State, drain.NotServedSince));
    }

    [Fact]
    public void An_undrained_endpoint_is_restored_only_when_healthy_on_fresh_successes_and_served_again()
    {
        var drained = Draining() with { State = DrainState.Drained, DrainedAt = T0.AddSeconds(40) };
        var undraining = DrainProgress.Undrain(drained, "ops", T0.AddSeconds(50));
        Assert.Equal((DrainState.Undraining, "ops"), (undraining.State, undraining.UndrainedBy));
        Assert.False(undraining.KeepsOutOfDns);

        Assert.Equal(DrainState.Undraining, DrainProgress.Advance(undraining, new DnsServing(true, T0.AddSeconds(51)), Ttl, false, T0.AddSeconds(52)).State);
        Assert.Equal(DrainState.Undraining, DrainProgress.Advance(undraining, new DnsServing(false, T0.AddSeconds(40)), Ttl, true, T0.AddSeconds(52)).State);
        var restored = DrainProgress.Advance(undraining, new DnsServing(true, T0.AddSeconds(51)), Ttl, true, T0.AddSeconds(53));
        Assert.Equal((DrainState.Restored, T0.AddSeconds(53)), (restored.State, restored.FinishedAt));
        Assert.True(restored.Finished);
    }

    [Fact]
    public void An_undrain_while_still_draining_returns_the_endpoint_the_same_way()
    {
        var undraining = DrainProgress.Undrain(Draining(), "ops", T0.AddSeconds(5));
        Assert.Equal(DrainState.Undraining, undraining.State);
        Assert.Equal("web-a:1", undraining.Id);
    }
}
