namespace ControlPlane.Testing.Chaos;

/// <summary>
/// The states a history implies at any instant: each endpoint's ground truth (healthy when never
/// told), each region's silo (not running when never told), the DNS providers (available when never
/// told; one event may concern one service's provider or all of them) and each service's served
/// record (unknown before its first observation).
/// </summary>
internal sealed class HistoryTimelines
{
    private static readonly IReadOnlySet<string> Nowhere = new HashSet<string>();

    private readonly Dictionary<string, StepTimeline<IReadOnlySet<string>>> _downFrom = [];
    private readonly Dictionary<string, StepTimeline<bool>> _silos = [];
    private readonly Dictionary<string, StepTimeline<IReadOnlySet<string>?>> _served = [];
    private readonly StepTimeline<bool> _everyProvider = new(true);
    private readonly Dictionary<string, StepTimeline<bool>> _providers = [];

    /// <param name="events">The history's events, sorted by time.</param>
    public HistoryTimelines(IReadOnlyList<HistoryEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case TruthChanged t:
                    Get(_downFrom, t.Endpoint, Nowhere).Set(t.At, t.DownFrom.ToHashSet());
                    break;
                case SiloChanged s:
                    Get(_silos, s.Region, false).Set(s.At, s.Running);
                    break;
                case DnsProviderChanged { Service: null } p:
                    _everyProvider.Set(p.At, p.Available);
                    break;
                case DnsProviderChanged { Service: { } service } p:
                    Get(_providers, service, true).Set(p.At, p.Available);
                    break;
                case DnsObserved o:
                    Get<IReadOnlySet<string>?>(_served, o.Service, null).Set(o.At, o.Endpoints.ToHashSet());
                    break;
            }
        }

        End = events.Count == 0 ? TimeSpan.Zero : events[^1].At;
    }

    /// <summary>The time of the last event: nothing is known after it.</summary>
    public TimeSpan End { get; }

    /// <summary>The regions that cannot reach <paramref name="endpoint"/>.</summary>
    public StepTimeline<IReadOnlySet<string>> DownFrom(string endpoint) => Get(_downFrom, endpoint, Nowhere);

    /// <summary>The endpoints <paramref name="service"/>'s DNS server answers with; null before the first observation.</summary>
    public StepTimeline<IReadOnlySet<string>?> Served(string service) => Get<IReadOnlySet<string>?>(_served, service, null);

    /// <summary>Whether <paramref name="service"/>'s DNS provider accepts changes at <paramref name="time"/>.</summary>
    public bool ProviderAvailable(string service, TimeSpan time) =>
        _everyProvider.At(time) && (!_providers.TryGetValue(service, out var provider) || provider.At(time));

    public bool SiloRunning(string region, TimeSpan time) => _silos.TryGetValue(region, out var silo) && silo.At(time);

    /// <summary>The distinct instants in (<paramref name="after"/>, <paramref name="before"/>) at which the cluster's ability to act on <paramref name="endpoint"/> of <paramref name="service"/> may change.</summary>
    public IEnumerable<TimeSpan> CapabilityChangesBetween(string service, string endpoint, TimeSpan after, TimeSpan before) =>
        _silos.Values.SelectMany(s => s.ChangesBetween(after, before))
            .Concat(_everyProvider.ChangesBetween(after, before))
            .Concat(_providers.TryGetValue(service, out var provider) ? provider.ChangesBetween(after, before) : [])
            .Concat(DownFrom(endpoint).ChangesBetween(after, before))
            .Distinct()
            .Order();

    private static StepTimeline<TValue> Get<TValue>(Dictionary<string, StepTimeline<TValue>> timelines, string key, TValue initial)
    {
        if (!timelines.TryGetValue(key, out var timeline))
        {
            timeline = new(initial);
            timelines[key] = timeline;
        }

        return timeline;
    }
}
