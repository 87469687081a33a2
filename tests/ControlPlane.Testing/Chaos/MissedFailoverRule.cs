namespace ControlPlane.Testing.Chaos;

/// <summary><see cref="ChaosRules.MissedFailover"/>: an endpoint a quorum sees down must leave the served record once the cluster could act.</summary>
/// <remarks>
/// For each interval [t0, t1) in which at least a quorum of regions cannot reach an endpoint, the
/// cluster can act at an instant when the service's DNS provider is available and at least a quorum of the
/// regions that see the endpoint down have a running silo. Every state changes only at events, so
/// the interval splits into stretches of constant capability; ta is the start of the first run of
/// capable stretches lasting the act bound, and ta plus the act bound is the deadline. When the
/// endpoint recovers before the deadline, or the history ends before it, nothing was owed. Otherwise
/// the endpoint must have been absent from the served record at some instant in [t0, deadline],
/// unless every endpoint of its service was quorum-down at the deadline (fail-open).
/// </remarks>
internal static class MissedFailoverRule
{
    public static IReadOnlyList<ExpectedFailover> Evaluate(HistorySettings settings, HistoryTimelines timelines)
    {
        var failovers = new List<ExpectedFailover>();
        foreach (var (service, endpoints) in settings.Services)
        {
            foreach (var endpoint in endpoints)
            {
                foreach (var (downAt, upAt) in QuorumDownIntervals(settings, timelines, endpoint))
                {
                    var removedAt = FirstAbsence(timelines, service, endpoint, downAt, upAt ?? TimeSpan.MaxValue);
                    var sustained = FirstSustainedCapability(settings, timelines, service, endpoint, downAt, upAt);
                    var owed = sustained is { } from && (upAt is { } up ? from + settings.ActBound < up : from + settings.ActBound <= timelines.End);
                    if (!owed)
                    {
                        // Not owed (over before the cluster could act for the whole bound), but made: counted for the times to act.
                        if (removedAt is { } early && (sustained ?? FirstCapability(settings, timelines, service, endpoint, downAt, upAt)) is { } capable)
                        {
                            failovers.Add(new(service, endpoint, downAt, capable, capable + settings.ActBound, early, FailoverOutcome.MadeBeforeOwed));
                        }

                        continue;
                    }

                    var couldActFrom = sustained!.Value;
                    var deadline = couldActFrom + settings.ActBound;
                    var outcome = removedAt <= deadline ? FailoverOutcome.Made
                        : endpoints.All(e => timelines.DownFrom(e).At(deadline).Count >= settings.Quorum) ? FailoverOutcome.FailOpenKept
                        : FailoverOutcome.Missed;
                    failovers.Add(new(service, endpoint, downAt, couldActFrom, deadline, removedAt, outcome));
                }
            }
        }

        return failovers;
    }

    public static Violation ViolationOf(ExpectedFailover missed)
    {
        var served = missed.RemovedAt is { } late ? $"removed only at {Seconds.Of(late)} s" : "never removed";
        return new(
            ChaosRules.MissedFailover,
            missed.Endpoint,
            missed.Deadline,
            $"{missed.Endpoint} quorum-down since {Seconds.Of(missed.QuorumDownAt)} s and the cluster could act from {Seconds.Of(missed.CouldActFrom)} s, but {missed.Service} still served it at the {Seconds.Of(missed.Deadline)} s deadline ({served})");
    }

    /// <summary>The intervals [down, up) in which a quorum could not reach the endpoint; up is null when it was still down at the end.</summary>
    private static IEnumerable<(TimeSpan Down, TimeSpan? Up)> QuorumDownIntervals(HistorySettings settings, HistoryTimelines timelines, string endpoint)
    {
        var truth = timelines.DownFrom(endpoint);
        TimeSpan? downAt = null;
        foreach (var change in truth.Changes)
        {
            var quorumDown = truth.At(change).Count >= settings.Quorum;
            if (quorumDown && downAt is null)
            {
                downAt = change;
            }
            else if (!quorumDown && downAt is { } down)
            {
                yield return (down, change);
                downAt = null;
            }
        }

        if (downAt is { } stillDown)
        {
            yield return (stillDown, null);
        }
    }

    private static TimeSpan? FirstSustainedCapability(HistorySettings settings, HistoryTimelines timelines, string service, string endpoint, TimeSpan downAt, TimeSpan? upAt)
    {
        var end = upAt ?? TimeSpan.MaxValue;
        var starts = timelines.CapabilityChangesBetween(service, endpoint, downAt, end).Prepend(downAt).ToList();
        TimeSpan? runStart = null;
        for (var i = 0; i < starts.Count; i++)
        {
            if (!CanAct(settings, timelines, service, endpoint, starts[i]))
            {
                runStart = null;
                continue;
            }

            runStart ??= starts[i];
            var stretchEnd = i + 1 < starts.Count ? starts[i + 1] : end;
            if (runStart.Value + settings.ActBound <= stretchEnd)
            {
                return runStart;
            }
        }

        return null;
    }

    /// <summary>The first instant in the interval at which the cluster could act at all, however briefly.</summary>
    private static TimeSpan? FirstCapability(HistorySettings settings, HistoryTimelines timelines, string service, string endpoint, TimeSpan downAt, TimeSpan? upAt) =>
        timelines.CapabilityChangesBetween(service, endpoint, downAt, upAt ?? TimeSpan.MaxValue).Prepend(downAt)
            .Where(t => CanAct(settings, timelines, service, endpoint, t))
            .Select(t => (TimeSpan?)t)
            .FirstOrDefault();

    private static bool CanAct(HistorySettings settings, HistoryTimelines timelines, string service, string endpoint, TimeSpan time) =>
        timelines.ProviderAvailable(service, time)
        && timelines.DownFrom(endpoint).At(time).Count(region => timelines.SiloRunning(region, time)) >= settings.Quorum;

    /// <summary>The first instant in [<paramref name="from"/>, <paramref name="before"/>) at which the served record was known and lacked the endpoint.</summary>
    private static TimeSpan? FirstAbsence(HistoryTimelines timelines, string service, string endpoint, TimeSpan from, TimeSpan before)
    {
        var served = timelines.Served(service);
        return served.ChangesBetween(from, before)
            .Prepend(from)
            .Where(t => served.At(t) is { } endpoints && !endpoints.Contains(endpoint))
            .Select(t => (TimeSpan?)t)
            .FirstOrDefault();
    }
}
