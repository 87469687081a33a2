namespace ControlPlane.Testing.Chaos;

/// <summary>
/// When each injected fault was active: from its start to the next heal with the same fault and
/// detail, or to the end of the run; and from that, the worst time to act per fault kind.
/// </summary>
internal sealed class FaultWindows
{
    /// <summary>The key for failovers during which no fault was active.</summary>
    public const string NoFault = "none";

    private readonly List<(string Fault, TimeSpan From, TimeSpan To)> _windows = [];

    /// <param name="events">The history's events, sorted by time.</param>
    public FaultWindows(IReadOnlyList<HistoryEvent> events)
    {
        var open = new Dictionary<(string Fault, string Detail), Queue<TimeSpan>>();
        foreach (var fault in events.OfType<FaultInjected>())
        {
            var key = (fault.Fault, fault.Detail);
            if (fault.Started)
            {
                Injected[fault.Fault] = Injected.GetValueOrDefault(fault.Fault) + 1;
                if (!open.TryGetValue(key, out var starts))
                {
                    starts = new();
                    open[key] = starts;
                }

                starts.Enqueue(fault.At);
            }
            else if (open.TryGetValue(key, out var starts) && starts.TryDequeue(out var from))
            {
                _windows.Add((fault.Fault, from, fault.At));
            }
        }

        _windows.AddRange(open.SelectMany(o => o.Value.Select(from => (o.Key.Fault, from, TimeSpan.MaxValue))));
    }

    /// <summary>How many times each fault was started.</summary>
    public Dictionary<string, int> Injected { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per fault kind, the longest time to act of the failovers whose span from quorum-down to
    /// removal overlaps that fault being active (<see cref="NoFault"/> for those no fault overlaps).
    /// </summary>
    public Dictionary<string, TimeSpan> WorstTimeToAct(IEnumerable<ExpectedFailover> failovers)
    {
        var worst = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var failover in failovers)
        {
            if (failover is not { RemovedAt: { } removedAt, TimeToAct: { } timeToAct })
            {
                continue;
            }

            var kinds = _windows.Where(w => w.From <= removedAt && w.To > failover.QuorumDownAt).Select(w => w.Fault).Distinct().DefaultIfEmpty(NoFault);
            foreach (var kind in kinds)
            {
                worst[kind] = worst.TryGetValue(kind, out var known) && known > timeToAct ? known : timeToAct;
            }
        }

        return worst;
    }
}
