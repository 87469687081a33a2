using System.Globalization;
using ControlPlane.Testing;
using ControlPlane.Testing.Chaos;

// controlplane-chaos failover [--trials N] [--out FILE]
// controlplane-chaos chaos [--seed N] [--duration 10m] [--out FILE] [--history FILE]
// Both run three silos (eu-central, us-east, ap-south) on cassandra.sh's store cluster (s1/s2/s3 in
// dc1/dc2/dc3, started and stopped here), a real BIND, the local Route 53 server and a webhook
// receiver, all on loopback. The Markdown result goes to --out (scripts/*.sh append it to docs/benchmarks.md).
var command = args.FirstOrDefault() ?? "help";
var options = Options(args.Skip(1).ToArray());
if (command is not ("failover" or "chaos"))
{
    Console.Error.WriteLine("usage: controlplane-chaos failover [--trials 100] [--out FILE] | chaos [--seed N] [--duration 10m] [--out FILE] [--history FILE]");
    return 2;
}

void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}] {line}");

Log("starting the store cluster (cassandra.sh start store-cluster)");
await CassandraScript.RunAsync("start", "store-cluster");
try
{
    await using var env = await ChaosEnvironment.StartAsync(CassandraScript.StoreClusterOptions(command), targets: command == "failover" ? 2 : 4);
    Log($"starting three silos; work folder {env.Cluster.Directory}");
    await env.StartSilosAsync();
    var started = DateTime.UtcNow;
    string result;
    var passed = true;
    if (command == "failover")
    {
        var trials = int.Parse(options.GetValueOrDefault("trials", "100"), CultureInfo.InvariantCulture);
        var results = await new FailoverBenchmark(env, Log).RunAsync(trials);
        var paths = new Dictionary<string, string> { ["web"] = "zone file", ["bind"] = "RFC 2136 -> BIND", ["r53"] = "Route 53 (local server)" };
        result = $"""
            ### Results, {started:yyyy-MM-dd HH:mm} UTC

            {trials} trials, one target of two down for every region, then healed; interval 1 s, fall 2, rise 2, fast recheck at
            its default (a quarter of the interval), 2 s timeout; each path's authoritative answer polled every 20 ms (BIND with `dig`).

            {results.ToMarkdown(paths)}
            """;
        passed = results.TimedOut == 0;
    }
    else
    {
        var seed = int.Parse(options.GetValueOrDefault("seed", DateTime.UtcNow.ToString("MMddHHmm", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var duration = Duration(options.GetValueOrDefault("duration", "10m"));
        var runner = new ChaosRunner(env, new ChaosOptions(seed, duration, a => CassandraScript.RunAsync(a), CassandraScript.StoreClusterNodes), Log);
        var historyPath = options.GetValueOrDefault("history", Path.Combine(RepositoryPaths.Of("var"), $"chaos-{seed}.jsonl"));
        History history;
        ChaosReport report;
        try
        {
            (history, report) = await runner.RunAsync();
            await history.WriteAsync(historyPath);
        }
        finally
        {
            env.Cluster.CopyLogsTo(Path.ChangeExtension(historyPath, null) + "-logs"); // the silos' logs, next to the history
        }

        result = $"""
            ### Results, {started:yyyy-MM-dd HH:mm} UTC, seed {seed}, {duration.TotalMinutes:0.#} min of faults

            History: `{Path.GetRelativePath(RepositoryPaths.Root, historyPath)}` ({history.Events.Count} events).

            {report.ToMarkdown()}
            """;
        passed = report.Passed;
    }

    Console.WriteLine(result);
    if (options.TryGetValue("out", out var outPath))
    {
        await File.WriteAllTextAsync(outPath, result + "\n");
    }

    return passed ? 0 : 1;
}
finally
{
    Log("stopping the store cluster");
    await CassandraScript.RunAsync("stop", "store-cluster");
}

static Dictionary<string, string> Options(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        {
            throw new ArgumentException($"expected --name value, got '{args[i]}'");
        }

        options[args[i][2..]] = args[++i];
    }

    return options;
}

static TimeSpan Duration(string text) => text[^1] switch
{
    's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
    'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
    'h' => TimeSpan.FromHours(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
    _ => throw new ArgumentException($"--duration: '{text}' is not a duration such as 90s, 10m or 1h"),
};
