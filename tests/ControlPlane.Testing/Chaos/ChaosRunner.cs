using System.Diagnostics;
using System.Text.Json;
using ControlPlane.Testing.Silos;

namespace ControlPlane.Testing.Chaos;

/// <param name="Seed">Seeds every random choice: the same seed gives the same faults at the same offsets.</param>
/// <param name="Duration">How long faults are injected, at least until every kind has been injected once; settling and collecting come after.</param>
/// <param name="CassandraScript">Runs <c>scripts/cassandra/cassandra.sh</c> with the given arguments, or null on SQLite (no datacenter faults).</param>
/// <param name="CassandraNodes">Node names of the store's datacenters in region order (s1, s2, s3).</param>
internal sealed record ChaosOptions(
    int Seed,
    TimeSpan Duration,
    Func<string[], Task>? CassandraScript = null,
    IReadOnlyList<string>? CassandraNodes = null);

/// <summary>
/// Keeps a three-region cluster under probe load and injects, at seeded random times, one
/// infrastructure fault at a time (kill -9 or SIGSTOP of a silo, a Cassandra datacenter killed,
/// BIND stopped or frozen, the Route 53 server throttling or failing, the webhook receiver down)
/// while targets fail, get cut off from one region, or flap faster than <c>fall</c>. Records the
/// whole <see cref="History"/>, heals everything, waits for the cluster to settle and checks it.
/// </summary>
internal sealed class ChaosRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly ChaosEnvironment _env;
    private readonly ChaosOptions _options;
    private readonly Action<string> _log;
    private readonly Random _random;
    private readonly List<HistoryEvent> _events = [];
    private readonly Stopwatch _clock = new();
    private DateTimeOffset _startedAt;

    public ChaosRunner(ChaosEnvironment env, ChaosOptions options, Action<string> log)
    {
        _env = env;
        _options = options;
        _log = log;
        _random = new Random(options.Seed);
    }

    /// <summary>Detection needs fall (2) failed probes at 1 s, a 2 s timeout and a DNS write; 8 s is that with room.</summary>
    public static TimeSpan DetectionWindow { get; } = TimeSpan.FromSeconds(8);

    /// <summary>Once the cluster can act: detection, plus a silo's death being declared (about 4-11 s) and its grains moving.</summary>
    public static TimeSpan ActBound { get; } = TimeSpan.FromSeconds(25);

    private TimeSpan Now => _clock.Elapsed;

    public async Task<(History History, ChaosReport Report)> RunAsync(CancellationToken cancellationToken = default)
    {
        _startedAt = DateTimeOffset.UtcNow;
        _clock.Start();
        foreach (var region in ClusterScenario.Regions)
        {
            Record(new SiloChanged(Now, region, true));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observers = _env.Views.Select(v => ObserveAsync(v, stop.Token)).ToList();
        var targets = TargetFaultsAsync(stop.Token);
        try
        {
            await InfrastructureFaultsAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await targets;
        }

        _log($"{ChaosEnvironment.Seconds(Now)} s: faults over; healing and settling");
        foreach (var target in _env.Targets)
        {
            SetTarget(target, []);
        }

        using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var observing = _env.Views.Select(v => ObserveAsync(v, settle.Token)).ToList();
        await _env.WaitUntilServedAsync(TimeSpan.FromSeconds(120), _env.Targets);
        var decisions = await CollectAsync();
        await settle.CancelAsync();
        await Task.WhenAll(observing);
        await Task.WhenAll(observers);

        var settings = new HistorySettings(ClusterScenario.Regions, ClusterScenario.Regions.Length / 2 + 1, _env.Services, DetectionWindow, ActBound, _options.Seed);
        var history = new History(settings, [.. _events.Concat(decisions).OrderBy(e => e.At)]);
        return (history, HistoryChecker.Check(history));
    }

    private void Record(HistoryEvent e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }

    private TimeSpan Between(double minSeconds, double maxSeconds) => TimeSpan.FromSeconds(minSeconds + (_random.NextDouble() * (maxSeconds - minSeconds)));

    private async Task InfrastructureFaultsAsync(CancellationToken cancellationToken)
    {
        string[] kinds = _options.CassandraScript is null
            ? ["silo-kill", "silo-pause", "bind-stopped", "bind-frozen", "route53-throttling", "route53-5xx", "webhook-receiver-down"]
            : ["silo-kill", "silo-pause", "cassandra-dc-killed", "bind-stopped", "bind-frozen", "route53-throttling", "route53-5xx", "webhook-receiver-down"];
        var order = 0;
        while (Now < _options.Duration || order < kinds.Length)
        {
            await Task.Delay(Between(3, 8), cancellationToken);
            // the first faults go round every kind once, so that a short run still meets them all
            var kind = order < kinds.Length ? kinds[order] : kinds[_random.Next(kinds.Length)];
            order++;
            var region = ClusterScenario.Regions[_random.Next(ClusterScenario.Regions.Length)];
            await (kind switch
            {
                "silo-kill" => KillSiloAsync(region, cancellationToken),
                "silo-pause" => PauseSiloAsync(region, cancellationToken),
                "cassandra-dc-killed" => KillDatacenterAsync(region, cancellationToken),
                "bind-stopped" => BindStoppedAsync(cancellationToken),
                "bind-frozen" => BindFrozenAsync(cancellationToken),
                "route53-throttling" => Route53Async(kind, b => b.ThrottleNext(int.MaxValue), b => b.ThrottleNext(0), cancellationToken),
                "route53-5xx" => Route53Async(kind, b => b.FailNext(int.MaxValue), b => b.FailNext(0), cancellationToken),
                _ => ReceiverDownAsync(cancellationToken),
            });
        }
    }

    private void Fault(string kind, string detail, bool started)
    {
        Record(new FaultInjected(Now, kind, detail, started));
        _log($"{ChaosEnvironment.Seconds(Now)} s: {(started ? "inject" : "heal")} {kind} {detail}");
    }

    private async Task KillSiloAsync(string region, CancellationToken cancellationToken)
    {
        var id = $"silo-{region}";
        Fault("silo-kill", id, true);
        Record(new SiloChanged(Now, region, false));
        await _env.Cluster.Silos[id].KillAsync();
        await Task.Delay(Between(5, 15), cancellationToken);
        await RestartAsync(region);
        Fault("silo-kill", id, false);
    }

    private async Task PauseSiloAsync(string region, CancellationToken cancellationToken)
    {
        var id = $"silo-{region}";
        var silo = _env.Cluster.Silos[id];
        Fault("silo-pause", id, true);
        Record(new SiloChanged(Now, region, false));
        silo.Pause();
        await Task.Delay(Between(10, 16), cancellationToken); // past the death declaration (about 4-11 s)
        silo.Resume();
        // declared dead meanwhile, it stops on resume (docs/membership.md); restart it then
        var until = Now + TimeSpan.FromSeconds(20);
        while (!silo.HasExited && Now < until)
        {
            await Task.Delay(Poll, cancellationToken);
        }

        if (silo.HasExited)
        {
            await RestartAsync(region);
        }
        else
        {
            Record(new SiloChanged(Now, region, true));
        }

        Fault("silo-pause", id, false);
    }

    private async Task RestartAsync(string region)
    {
        await _env.Cluster.StartSiloAsync($"silo-{region}", region, TimeSpan.FromSeconds(120));
        Record(new SiloChanged(Now, region, true));
    }

    private async Task KillDatacenterAsync(string region, CancellationToken cancellationToken)
    {
        var node = _options.CassandraNodes![Array.IndexOf(ClusterScenario.Regions, region)];
        Fault("cassandra-dc-killed", $"{node} ({ClusterScenario.DatacenterOf(region)})", true);
        await _options.CassandraScript!(["kill", node]);
        await Task.Delay(Between(10, 20), cancellationToken);
        await _options.CassandraScript(["start-node", node]);
        await _options.CassandraScript(["wait", .. _options.CassandraNodes]);
        Fault("cassandra-dc-killed", $"{node} ({ClusterScenario.DatacenterOf(region)})", false);
    }

    private async Task BindStoppedAsync(CancellationToken cancellationToken)
    {
        Fault("bind-stopped", _env.Bind.Server, true);
        Record(new DnsProviderChanged(Now, false, "bind"));
        await _env.Bind.StopAsync();
        await Task.Delay(Between(5, 12), cancellationToken);
        await _env.Bind.StartAsync();
        Record(new DnsProviderChanged(Now, true, "bind"));
        Fault("bind-stopped", _env.Bind.Server, false);
    }

    /// <summary>SIGSTOP of named: updates and queries time out instead of being refused (a slow provider).</summary>
    private async Task BindFrozenAsync(CancellationToken cancellationToken)
    {
        var pid = _env.Bind.ProcessId ?? throw new InvalidOperationException("named is not running");
        Fault("bind-frozen", _env.Bind.Server, true);
        Record(new DnsProviderChanged(Now, false, "bind"));
        Signal("STOP", pid);
        try
        {
            await Task.Delay(Between(4, 10), cancellationToken);
        }
        finally
        {
            Signal("CONT", pid);
        }

        Record(new DnsProviderChanged(Now, true, "bind"));
        Fault("bind-frozen", _env.Bind.Server, false);
    }

    private async Task Route53Async(string kind, Action<Route53.FakeBehaviour> start, Action<Route53.FakeBehaviour> heal, CancellationToken cancellationToken)
    {
        Fault(kind, _env.Route53.Endpoint.ToString(), true);
        Record(new DnsProviderChanged(Now, false, "r53"));
        start(_env.Route53.Behaviour);
        try
        {
            await Task.Delay(Between(5, 12), cancellationToken);
        }
        finally
        {
            heal(_env.Route53.Behaviour);
        }

        Record(new DnsProviderChanged(Now, true, "r53"));
        Fault(kind, _env.Route53.Endpoint.ToString(), false);
    }

    private async Task ReceiverDownAsync(CancellationToken cancellationToken)
    {
        Fault("webhook-receiver-down", _env.Receiver.Url.ToString(), true);
        await _env.Receiver.StopAsync();
        await Task.Delay(Between(5, 15), cancellationToken);
        await _env.Receiver.StartAgainAsync();
        Fault("webhook-receiver-down", _env.Receiver.Url.ToString(), false);
    }

    /// <summary>One target fault at a time: down for every region, cut off from one region, or flapping faster than fall.</summary>
    private async Task TargetFaultsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Between(3, 8), cancellationToken);
                var target = _env.Targets[_random.Next(_env.Targets.Count)];
                var pick = _random.Next(3);
                if (pick == 0)
                {
                    // long enough, often, for a removal to be owed even when an infrastructure fault delays it
                    Fault("target-down", target, true);
                    SetTarget(target, ClusterScenario.Regions);
                    await Hold(Between(5, 40), cancellationToken);
                    SetTarget(target, []);
                    Fault("target-down", target, false);
                }
                else if (pick == 1)
                {
                    var region = ClusterScenario.Regions[_random.Next(ClusterScenario.Regions.Length)];
                    Fault("region-cut-off", $"{target} from {region}", true);
                    SetTarget(target, [region]);
                    await Hold(Between(5, 12), cancellationToken);
                    SetTarget(target, []);
                    Fault("region-cut-off", $"{target} from {region}", false);
                }
                else
                {
                    // down for less than fall x interval (2 x 1 s), up, again, for a while
                    Fault("target-flapping", target, true);
                    var until = Now + Between(6, 12);
                    while (Now < until && !cancellationToken.IsCancellationRequested)
                    {
                        SetTarget(target, ClusterScenario.Regions);
                        await Hold(TimeSpan.FromMilliseconds(700), cancellationToken);
                        SetTarget(target, []);
                        await Hold(TimeSpan.FromMilliseconds(1500), cancellationToken);
                    }

                    SetTarget(target, []);
                    Fault("target-flapping", target, false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over; the caller heals every target
        }
    }

    private static async Task Hold(TimeSpan time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // healed right away by the caller
        }
    }

    private void SetTarget(string target, IReadOnlyList<string> downFrom)
    {
        var demo = _env.Cluster.Target(target);
        demo.SetUp();
        if (downFrom.Count == ClusterScenario.Regions.Length)
        {
            demo.SetDown(null);
        }
        else
        {
            foreach (var region in downFrom)
            {
                demo.SetDown(region);
            }
        }

        foreach (var endpoint in _env.EndpointsOf(target))
        {
            Record(new TruthChanged(Now, endpoint, downFrom));
        }
    }

    private async Task ObserveAsync(IServedRecordView view, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var served = await view.ReadAsync();
            if (served is not null)
            {
                var sorted = served.Order(StringComparer.Ordinal).ToList();
                if (last is null || !last.SequenceEqual(sorted))
                {
                    Record(new DnsObserved(Now, view.Service, sorted));
                    last = sorted;
                }
            }

            try
            {
                await Task.Delay(Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every webhook a decision raises has arrived (at least once), then returns the decisions and DNS changes as the API lists them.</summary>
    private async Task<List<HistoryEvent>> CollectAsync()
    {
        var collected = new List<HistoryEvent>();
        await _env.Cluster.WaitForAsync(async () =>
        {
            collected = await ReadAuditAsync();
            var expected = collected.OfType<DecisionMade>().Where(d => d.From != "unknown" && d.To != "unknown").Select(d => $"decision:{d.Id}").ToHashSet();
            var received = ReceivedWebhooks().Select(w => w.EventId).ToHashSet();
            return expected.IsSubsetOf(received);
        }, TimeSpan.FromSeconds(120), "every webhook a decision raised delivered");
        return [.. collected, .. ReceivedWebhooks()];
    }

    private List<WebhookReceived> ReceivedWebhooks() =>
        _env.Receiver.Received.Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            var root = body.RootElement;
            var endpoint = root.TryGetProperty("endpoint", out var e) ? e.GetString() : null;
            return new WebhookReceived(r.At - _startedAt, root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!, endpoint);
        }).ToList();

    private async Task<List<HistoryEvent>> ReadAuditAsync()
    {
        var silo = _env.Cluster.Silos.Values.First(s => !s.HasExited && !s.IsPaused);
        var events = new List<HistoryEvent>();
        foreach (var d in (await silo.GetJsonAsync("/api/v1/decisions?limit=10000")).EnumerateArray())
        {
            if (d.GetProperty("kind").GetString() != "healthChanged")
            {
                continue;
            }

            var id = d.GetProperty("id").GetString()!;
            var sequence = long.Parse(id[(id.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            events.Add(new DecisionMade(d.GetProperty("at").GetDateTimeOffset() - _startedAt, id, d.GetProperty("endpointId").GetString()!, sequence,
                d.GetProperty("from").GetString()!, d.GetProperty("to").GetString()!, d.TryGetProperty("reason", out var reason) ? reason.GetString() : null));
        }

        var addresses = _env.Cluster.Endpoints.ToDictionary(e => e.Value.Address.ToString(), e => e.Key);
        foreach (var (service, _) in _env.Services)
        {
            var mirror = _env.Cluster.Mirrors.FirstOrDefault(m => m.Id == service);
            string Endpoint(string address) => addresses.TryGetValue(address, out var target) ? mirror?.EndpointOf(target) ?? target : address;
            foreach (var c in (await silo.GetJsonAsync($"/api/v1/dns-changes?service={service}&limit=10000")).EnumerateArray())
            {
                if (c.TryGetProperty("dryRun", out var dry) && dry.GetBoolean())
                {
                    continue;
                }

                events.Add(new DnsChangeRecorded(c.GetProperty("at").GetDateTimeOffset() - _startedAt, c.GetProperty("id").GetString()!, service,
                    c.GetProperty("before").EnumerateArray().Select(a => Endpoint(a.GetString()!)).ToList(),
                    c.GetProperty("after").EnumerateArray().Select(a => Endpoint(a.GetString()!)).ToList()));
            }
        }

        return events;
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
    }
}
