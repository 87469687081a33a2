using ControlPlane.Core.Model;

namespace ControlPlane.Api.StatusPage;

/// <summary>How much of each time bucket an endpoint was decided healthy, from its health-change decisions (the audit log).</summary>
/// <remarks>
/// The decisions within the window are replayed oldest first: before the first, the endpoint held
/// that decision's <c>From</c> health; after the last, its current health. Time in <c>Unknown</c>
/// health counts as no data, not as down, and a bucket with no data is null. When the audit query
/// was cut off by its limit, the time before the oldest decision read is unknown rather than guessed.
/// </remarks>
public static class UptimeBuckets
{
    /// <param name="decisions">The endpoint's decisions in the window, any order; only health changes count.</param>
    /// <param name="truncated">True when older decisions in the window were not read.</param>
    public static UptimeSeries Compute(IEnumerable<Decision> decisions, bool truncated, EndpointHealth current, DateTimeOffset start, TimeSpan width, int count, DateTimeOffset now)
    {
        var changes = decisions.Where(d => d.Kind == DecisionKind.HealthChanged && d.At >= start && d.At <= now).OrderBy(d => d.At).ToList();
        var healthy = new double[count];
        var known = new double[count];
        var at = start;
        var health = changes.Count == 0 ? current : truncated ? EndpointHealth.Unknown : changes[0].From;
        foreach (var change in changes)
        {
            Accumulate(healthy, known, start, width, at, change.At, health);
            at = change.At;
            health = change.To;
        }

        Accumulate(healthy, known, start, width, at, now, health);
        var fractions = new double?[count];
        for (var i = 0; i < count; i++)
        {
            fractions[i] = known[i] > 0 ? Math.Round(healthy[i] / known[i], 4) : null;
        }

        var totalKnown = known.Sum();
        double? percent = totalKnown > 0 ? Math.Round(100 * healthy.Sum() / totalKnown, 3) : null;
        return new UptimeSeries(fractions, percent);
    }

    private static void Accumulate(double[] healthy, double[] known, DateTimeOffset start, TimeSpan width, DateTimeOffset from, DateTimeOffset to, EndpointHealth health)
    {
        if (health == EndpointHealth.Unknown || to <= from)
        {
            return;
        }

        var end = start + (width * healthy.Length);
        from = from < start ? start : from;
        to = to > end ? end : to;
        while (from < to)
        {
            var index = (int)((from - start).Ticks / width.Ticks);
            var bucketEnd = start + (width * (index + 1));
            var until = bucketEnd < to ? bucketEnd : to;
            var seconds = (until - from).TotalSeconds;
            known[index] += seconds;
            if (health == EndpointHealth.Healthy)
            {
                healthy[index] += seconds;
            }

            from = until;
        }
    }
}

/// <summary>Per bucket, the fraction of known time the endpoint was healthy (null: no data); over the whole window, the uptime in percent.</summary>
public sealed record UptimeSeries(IReadOnlyList<double?> Healthy, double? UptimePercent);
