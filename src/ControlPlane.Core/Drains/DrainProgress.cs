namespace ControlPlane.Core.Drains;

/// <summary>Moves a drain forward from what DNS serves, the record's TTL and the endpoint's successes.</summary>
/// <remarks>
/// <para>Draining: the first time DNS is seen not serving the endpoint, with a confirmed record set,
/// the time that set was applied is kept as <c>NotServedSince</c>; once the TTL has passed since
/// then, every resolver that cached the old answer has dropped it and the drain is
/// <see cref="DrainState.Drained"/>. Seen served again (a fail open put it back) clears it.</para>
/// <para>Undraining: restored once quorum says healthy on at least <c>rise</c> successes observed
/// after the undrain, and DNS serves the endpoint again.</para>
/// </remarks>
public static class DrainProgress
{
    public static DrainRecord Advance(DrainRecord drain, DnsServing dns, TimeSpan ttl, bool healthyOnFreshRise, DateTimeOffset now) =>
        drain.State switch
        {
            DrainState.Draining => Draining(drain, dns, ttl, now),
            DrainState.Undraining when healthyOnFreshRise && dns.Served => drain with { State = DrainState.Restored, FinishedAt = now },
            _ => drain,
        };

    private static DrainRecord Draining(DrainRecord drain, DnsServing dns, TimeSpan ttl, DateTimeOffset now)
    {
        if (dns.Served || !dns.Confirmed)
        {
            return drain.NotServedSince is null ? drain : drain with { NotServedSince = null };
        }

        // A set applied before the drain began cannot be the one without it: count from the drain's start then.
        var since = drain.NotServedSince ?? Later(dns.PublishedAt ?? drain.StartedAt, drain.StartedAt);
        var next = drain with { NotServedSince = since };
        return now - since >= ttl ? next with { State = DrainState.Drained, DrainedAt = now } : next;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The drain an undrain turns this one into: undraining, whether or not it had finished draining.</summary>
    public static DrainRecord Undrain(DrainRecord drain, string by, DateTimeOffset now) =>
        drain with { State = DrainState.Undraining, UndrainStartedAt = now, UndrainedBy = by };
}
