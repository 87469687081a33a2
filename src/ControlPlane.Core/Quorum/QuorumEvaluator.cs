using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Core.Quorum;

/// <summary>Combines regions' verdicts into an endpoint's health by quorum.</summary>
/// <remarks>
/// Only fresh, decided verdicts count: a region whose last report is older than
/// <c>StaleAfterIntervals x interval</c> (plus the lag it announced) is not reporting. Majority and N-of-M need the
/// required number of regions on one side (counted against the configured regions, so one
/// region cut off from its targets can never fail an endpoint over on its own); healthy
/// percentage compares the share of Up verdicts among reporting regions, as Route 53 does.
/// With fewer reporting regions than the rule needs, nothing changes and the outcome is
/// <see cref="QuorumState.Insufficient"/>: fail safe, and alert.
/// </remarks>
public static class QuorumEvaluator
{
    public static QuorumOutcome Evaluate(
        IReadOnlyList<string> configuredRegions,
        IReadOnlyDictionary<string, RegionReport> reports,
        HealthPolicy policy,
        TimeSpan interval,
        DateTimeOffset now)
    {
        var staleAfter = interval * policy.StaleAfterIntervals;
        var evidence = new List<RegionVerdictEvidence>(configuredRegions.Count);
        int up = 0, down = 0;
        foreach (var region in configuredRegions)
        {
            if (!reports.TryGetValue(region, out var report))
            {
                evidence.Add(new RegionVerdictEvidence(region, RegionStatus.Missing, Verdict.Unknown, null, 0, 0, null));
                continue;
            }

            var status = now - report.ReportedAt > staleAfter + (report.Lag > TimeSpan.Zero ? report.Lag : TimeSpan.Zero)
                ? RegionStatus.Stale
                : report.Verdict == Verdict.Unknown ? RegionStatus.Undecided : RegionStatus.Reporting;
            if (status == RegionStatus.Reporting)
            {
                if (report.Verdict == Verdict.Up)
                {
                    up++;
                }
                else
                {
                    down++;
                }
            }

            evidence.Add(new RegionVerdictEvidence(
                region, status, report.Verdict, report.ReportedAt,
                report.ConsecutiveSuccesses, report.ConsecutiveFailures, report.LastObservation));
        }

        var reporting = up + down;
        var quorum = policy.Quorum;
        return quorum.Mode switch
        {
            QuorumMode.Majority => ByCount(configuredRegions.Count / 2 + 1, $"majority of {configuredRegions.Count}"),
            QuorumMode.NOfM => ByCount(quorum.Count, $"{quorum.Count} of {configuredRegions.Count}"),
            QuorumMode.HealthyPercentage => ByPercentage(),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), quorum.Mode, "unknown quorum mode"),
        };

        QuorumOutcome ByCount(int required, string rule)
        {
            if (down >= required)
            {
                return new(QuorumState.Decided, EndpointHealth.Unhealthy, required, reporting, up, down, rule, evidence);
            }

            if (up >= required)
            {
                return new(QuorumState.Decided, EndpointHealth.Healthy, required, reporting, up, down, rule, evidence);
            }

            var state = reporting < required ? QuorumState.Insufficient : QuorumState.Split;
            return new(state, null, required, reporting, up, down, rule, evidence);
        }

        QuorumOutcome ByPercentage()
        {
            var rule = string.Create(CultureInfo.InvariantCulture, $"healthy if >= {quorum.HealthyPercentage}% of reporting regions say up (min {quorum.MinReporting})");
            if (reporting < quorum.MinReporting)
            {
                return new(QuorumState.Insufficient, null, quorum.MinReporting, reporting, up, down, rule, evidence);
            }

            var healthy = up * 100 >= quorum.HealthyPercentage * reporting;
            var health = healthy ? EndpointHealth.Healthy : EndpointHealth.Unhealthy;
            return new(QuorumState.Decided, health, quorum.MinReporting, reporting, up, down, rule, evidence);
        }
    }
}
