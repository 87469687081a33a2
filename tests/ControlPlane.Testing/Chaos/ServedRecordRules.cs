namespace ControlPlane.Testing.Chaos;

/// <summary>
/// <see cref="ChaosRules.EmptyRecordSet"/> and <see cref="ChaosRules.FalseFailover"/>: what the DNS
/// server answered, one observation against the previous one of the same service.
/// </summary>
/// <remarks>
/// A removal is an endpoint served in one observation and not in the next. It is justified when
/// at some instant of the detection window before it (both ends included) a quorum of regions
/// could not reach the endpoint; the ground truth changes only at events, so the instants to look
/// at are the window's start and every truth change inside it.
/// </remarks>
internal static class ServedRecordRules
{
    public static IEnumerable<Violation> Check(HistorySettings settings, IReadOnlyList<HistoryEvent> events, HistoryTimelines timelines)
    {
        var previous = new Dictionary<string, DnsObserved>();
        foreach (var observed in events.OfType<DnsObserved>())
        {
            if (observed.Endpoints.Count == 0)
            {
                yield return new(ChaosRules.EmptyRecordSet, observed.Service, observed.At, $"{observed.Service} served no endpoint at {Seconds.Of(observed.At)} s");
            }

            if (previous.TryGetValue(observed.Service, out var before))
            {
                foreach (var removed in before.Endpoints.Except(observed.Endpoints))
                {
                    if (MostRegionsDown(settings, timelines, removed, observed.At) is var most && most < settings.Quorum)
                    {
                        var since = observed.At - settings.DetectionWindow;
                        yield return new(
                            ChaosRules.FalseFailover,
                            removed,
                            observed.At,
                            $"{removed} removed at {Seconds.Of(observed.At)} s but at most {most} of {settings.Regions.Count} regions saw it down since {Seconds.Of(since < TimeSpan.Zero ? TimeSpan.Zero : since)} s");
                    }
                }
            }

            previous[observed.Service] = observed;
        }
    }

    /// <summary>The most regions that could not reach <paramref name="endpoint"/> at one instant of the detection window before <paramref name="removedAt"/>.</summary>
    private static int MostRegionsDown(HistorySettings settings, HistoryTimelines timelines, string endpoint, TimeSpan removedAt)
    {
        var truth = timelines.DownFrom(endpoint);
        var windowStart = removedAt - settings.DetectionWindow;
        return truth.ChangesBetween(windowStart, removedAt + TimeSpan.FromTicks(1))
            .Prepend(windowStart)
            .Max(t => truth.At(t).Count);
    }
}
