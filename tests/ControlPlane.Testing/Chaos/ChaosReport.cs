using System.Text;

namespace ControlPlane.Testing.Chaos;

/// <summary>What <see cref="HistoryChecker"/> found in a chaos run's history.</summary>
/// <param name="Violations">Every broken rule, in time order.</param>
/// <param name="Failovers">Every failover the history owed (see <see cref="ChaosRules.MissedFailover"/>) and how it ended, and those made before they were owed.</param>
/// <param name="FaultsInjected">How many times each fault kind was started.</param>
/// <param name="WorstTimeToActByFault">Per fault kind, the longest time to act of the failovers it was active during; <c>none</c> for those no fault was active during.</param>
/// <param name="DecisionsChecked">Decision events checked for order and webhooks.</param>
/// <param name="DnsChangesChecked">DNS change events checked.</param>
/// <param name="WebhooksChecked">Webhook receipts read.</param>
public sealed record ChaosReport(
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<ExpectedFailover> Failovers,
    IReadOnlyDictionary<string, int> FaultsInjected,
    IReadOnlyDictionary<string, TimeSpan> WorstTimeToActByFault,
    int DecisionsChecked,
    int DnsChangesChecked,
    int WebhooksChecked)
{
    /// <summary>True when the history broke no rule.</summary>
    public bool Passed => Violations.Count == 0;

    /// <summary>Quorum-down intervals that lasted past their deadline, so that a removal was owed.</summary>
    public int FailoversExpected => Failovers.Count(f => f.Outcome != FailoverOutcome.MadeBeforeOwed);

    /// <summary>Of <see cref="FailoversExpected"/>, those removed from DNS by the deadline.</summary>
    public int FailoversMade => Failovers.Count(f => f.Outcome == FailoverOutcome.Made);

    /// <summary>Failovers made for outages that ended before a removal was owed (short ones, detected fast).</summary>
    public int FailoversMadeEarly => Failovers.Count(f => f.Outcome == FailoverOutcome.MadeBeforeOwed);

    /// <summary>Of <see cref="FailoversExpected"/>, those rightly kept because their whole service was down.</summary>
    public int FailOpenKept => Failovers.Count(f => f.Outcome == FailoverOutcome.FailOpenKept);

    /// <summary>Short Markdown tables of the counts and times, then <c>violations: N</c> and one line per violation.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| fault kind | injected | worst time to act (s) |");
        text.AppendLine("|---|---:|---:|");
        var kinds = FaultsInjected.Keys.Union(WorstTimeToActByFault.Keys)
            .Order(StringComparer.Ordinal)
            .OrderBy(k => k == FaultWindows.NoFault);
        foreach (var kind in kinds)
        {
            var worst = WorstTimeToActByFault.TryGetValue(kind, out var time) ? Seconds.Of(time) : "-";
            text.AppendLine($"| {kind} | {FaultsInjected.GetValueOrDefault(kind)} | {worst} |");
        }

        text.AppendLine();
        text.AppendLine("| failovers expected | made | fail-open kept | made before owed | decisions | DNS changes | webhooks |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine($"| {FailoversExpected} | {FailoversMade} | {FailOpenKept} | {FailoversMadeEarly} | {DecisionsChecked} | {DnsChangesChecked} | {WebhooksChecked} |");
        text.AppendLine();
        text.AppendLine($"violations: {Violations.Count}");
        foreach (var violation in Violations)
        {
            text.AppendLine($"- {violation}");
        }

        return text.ToString();
    }
}
