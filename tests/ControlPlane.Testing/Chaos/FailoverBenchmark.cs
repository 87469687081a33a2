using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ControlPlane.Testing.Chaos;

/// <summary>
/// Trials of one target failing for every region, then healing: how long until each DNS path's
/// authoritative answer dropped its endpoint, and until it served it again. Every view is polled
/// on its own 20 ms period (BIND with the real <c>dig</c>), so the three paths are measured side by
/// side on the same faults.
/// </summary>
internal sealed class FailoverBenchmark(ChaosEnvironment env, Action<string> log)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(30);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (IReadOnlyList<string> Served, TimeSpan At)> _latest = [];

    public async Task<FailoverResults> RunAsync(int trials, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pollers = env.Views.Select(v => PollAsync(v, stop.Token)).ToList();
        var results = new FailoverResults(env.Views.Select(v => v.Service).ToList());
        try
        {
            for (var trial = 1; trial <= trials; trial++)
            {
                var target = env.Targets[(trial - 1) % env.Targets.Count];
                await env.WaitUntilServedAsync(TimeSpan.FromSeconds(60), env.Targets);
                var faultAt = _clock.Elapsed;
                env.Cluster.Target(target).SetDown(null);
                var down = await WaitAllAsync(target, served: false, faultAt, cancellationToken);
                var healAt = _clock.Elapsed;
                env.Cluster.Target(target).SetUp();
                var up = await WaitAllAsync(target, served: true, healAt, cancellationToken);
                results.Add(down, up);
                log($"trial {trial}/{trials} ({target}): removed {Describe(down)}; restored {Describe(up)}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(pollers);
        }

        return results;
    }

    private static string Describe(IReadOnlyDictionary<string, TimeSpan?> times) =>
        string.Join(", ", times.Select(t => $"{t.Key} {(t.Value is { } v ? ChaosEnvironment.Seconds(v) + " s" : "timed out")}"));

    /// <summary>For each service, how long after <paramref name="since"/> its answer first (not) served the target's endpoint.</summary>
    private async Task<Dictionary<string, TimeSpan?>> WaitAllAsync(string target, bool served, TimeSpan since, CancellationToken cancellationToken)
    {
        var endpoints = env.EndpointsOf(target);
        var services = env.Views.Select(v => v.Service).ToList();
        var times = services.ToDictionary(s => s, _ => (TimeSpan?)null);
        while (times.Values.Any(t => t is null) && _clock.Elapsed - since < TrialTimeout)
        {
            lock (_latest)
            {
                for (var i = 0; i < services.Count; i++)
                {
                    if (times[services[i]] is null && _latest.TryGetValue(services[i], out var latest) && latest.At > since
                        && latest.Served.Contains(endpoints[i]) == served)
                    {
                        times[services[i]] = latest.At - since;
                    }
                }
            }

            await Task.Delay(2, cancellationToken);
        }

        return times;
    }

    private async Task PollAsync(IServedRecordView view, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (await view.ReadAsync() is { } served)
                {
                    var at = _clock.Elapsed;
                    lock (_latest)
                    {
                        _latest[view.Service] = (served, at);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the benchmark is over
        }
    }
}

/// <summary>Per DNS path: the time from fault to removal and from heal to restoration of each trial.</summary>
internal sealed class FailoverResults(IReadOnlyList<string> services)
{
    private readonly Dictionary<string, List<TimeSpan?>> _down = services.ToDictionary(s => s, _ => new List<TimeSpan?>());
    private readonly Dictionary<string, List<TimeSpan?>> _up = services.ToDictionary(s => s, _ => new List<TimeSpan?>());

    public int Trials { get; private set; }

    /// <summary>Trials in which some path did not change within the trial's timeout.</summary>
    public int TimedOut => _down.Values.Concat(_up.Values).Sum(l => l.Count(t => t is null));

    public void Add(IReadOnlyDictionary<string, TimeSpan?> down, IReadOnlyDictionary<string, TimeSpan?> up)
    {
        Trials++;
        foreach (var service in services)
        {
            _down[service].Add(down[service]);
            _up[service].Add(up[service]);
        }
    }

    /// <summary>The quantile of the measured times (timeouts left out; <see cref="TimedOut"/> counts them).</summary>
    public static double Quantile(IEnumerable<TimeSpan?> times, double q)
    {
        var sorted = times.OfType<TimeSpan>().Select(t => t.TotalSeconds).Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>One Markdown row per path and direction: p50, p90, p99, max in seconds.</summary>
    public string ToMarkdown(IReadOnlyDictionary<string, string> pathNames)
    {
        var text = new StringBuilder("| path | change | trials | p50 (s) | p90 (s) | p99 (s) | max (s) | timed out |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var service in services)
        {
            foreach (var (change, times) in new[] { ("fault -> removed", _down[service]), ("heal -> restored", _up[service]) })
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| {pathNames.GetValueOrDefault(service, service)} | {change} | {times.Count} | {Quantile(times, 0.5):0.00} | {Quantile(times, 0.9):0.00} | {Quantile(times, 0.99):0.00} | {Quantile(times, 1):0.00} | {times.Count(t => t is null)} |\n");
            }
        }

        return text.ToString();
    }
}
