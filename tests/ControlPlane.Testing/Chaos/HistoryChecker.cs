namespace ControlPlane.Testing.Chaos;

/// <summary>
/// Judges a chaos run's <see cref="History"/> against the rules in <see cref="ChaosRules"/> and
/// measures its failovers. Pure: no clock, no I/O; the same history always gives the same report.
/// </summary>
/// <remarks>
/// Events are first sorted by time, keeping the history's order for events at the same instant.
/// Every state (ground truth, silos, DNS provider, served record) then holds from the event that
/// set it to the next one, and each rule is checked over those steps; the rules themselves are
/// explained where they are checked.
/// </remarks>
public static class HistoryChecker
{
    public static ChaosReport Check(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var settings = history.Settings;
        var events = history.Events.OrderBy(e => e.At).ToList();
        var timelines = new HistoryTimelines(events);
        var failovers = MissedFailoverRule.Evaluate(settings, timelines);
        var faults = new FaultWindows(events);

        var violations = ServedRecordRules.Check(settings, events, timelines)
            .Concat(failovers.Where(f => f.Outcome == FailoverOutcome.Missed).Select(MissedFailoverRule.ViolationOf))
            .Concat(DnsChangeRules.Check(events))
            .Concat(DecisionRules.Check(events))
            .Concat(WebhookRules.Check(events))
            .OrderBy(v => v.At)
            .ToList();

        return new(
            violations,
            failovers,
            faults.Injected,
            faults.WorstTimeToAct(failovers),
            events.OfType<DecisionMade>().Count(),
            events.OfType<DnsChangeRecorded>().Count(),
            events.OfType<WebhookReceived>().Count());
    }
}
