// The probe engine alone: CONCURRENCY loops, each running HTTP checks back to back through
// ProbeEngine.RunAsync against one target (fresh connection per check, status and body asserted),
// over TARGETS distinct endpoint ids. After a warm-up, counts checks for SECONDS and reads this
// process's CPU (utime + stime from /proc/self/stat) and resident memory. Prints one JSON line.
//
//   dotnet ControlPlane.Probing.Bench.dll --target 127.0.0.1:18480 [--path /health] [--concurrency 64]
//       [--seconds 10] [--warmup 3] [--targets 1000]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ControlPlane.Core.Definitions;
using ControlPlane.Probing;

var options = Args.Parse(args);
var (host, port) = Args.Endpoint(options.GetValueOrDefault("target", "127.0.0.1:18480"));
var path = options.GetValueOrDefault("path", "/health");
var concurrency = int.Parse(options.GetValueOrDefault("concurrency", "64"), CultureInfo.InvariantCulture);
var seconds = double.Parse(options.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture);
var warmup = double.Parse(options.GetValueOrDefault("warmup", "3"), CultureInfo.InvariantCulture);
var targetCount = int.Parse(options.GetValueOrDefault("targets", "1000"), CultureInfo.InvariantCulture);

var check = new CheckDefinition
{
    Id = "bench-http",
    Kind = CheckKind.Http,
    Interval = TimeSpan.FromSeconds(1),
    ConnectTimeout = TimeSpan.FromMilliseconds(500),
    Timeout = TimeSpan.FromSeconds(2),
    Http = new HttpCheckDefinition { Path = path, ExpectedStatus = [new StatusRange(200, 200)], BodyContains = "ok" },
};

var rssBefore = Proc.RssBytes();
var targets = Enumerable.Range(0, targetCount)
    .Select(i => new ProbeTarget($"ep{i:D6}", "bench", host, port, null, check))
    .ToArray();
using var engine = ProbeEngine.CreateDefault();

long checks = 0, failures = 0;
string? firstFailure = null;
var counting = false;
using var stop = new CancellationTokenSource();

async Task LoopAsync(int worker)
{
    var i = worker;
    while (!stop.IsCancellationRequested)
    {
        var observation = await engine.RunAsync(targets[i % targets.Length], CancellationToken.None);
        i += concurrency;
        if (!Volatile.Read(ref counting))
        {
            continue;
        }

        Interlocked.Increment(ref checks);
        if (!observation.IsSuccess)
        {
            Interlocked.Increment(ref failures);
            Interlocked.CompareExchange(ref firstFailure, observation.Detail, null);
        }
    }
}

var loops = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => LoopAsync(w))).ToArray();
await Task.Delay(TimeSpan.FromSeconds(warmup));
var cpu0 = Proc.CpuSeconds();
var clock = Stopwatch.StartNew();
Volatile.Write(ref counting, true);
await Task.Delay(TimeSpan.FromSeconds(seconds));
Volatile.Write(ref counting, false);
var elapsed = clock.Elapsed.TotalSeconds;
var cpu = Proc.CpuSeconds() - cpu0;
var counted = Interlocked.Read(ref checks);
var rss = Proc.RssBytes();
await stop.CancelAsync();
await Task.WhenAll(loops);

Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["checks"] = counted,
    ["seconds"] = Math.Round(elapsed, 2),
    ["checks_per_s"] = Math.Round(counted / elapsed),
    ["cpu_us_per_check"] = counted == 0 ? 0 : Math.Round(cpu * 1e6 / counted, 1),
    ["cpu_cores"] = Math.Round(cpu / elapsed, 2),
    ["rss_mb"] = Math.Round(rss / 1048576.0, 1),
    ["rss_per_target_kb"] = Math.Round((rss - rssBefore) / 1024.0 / targetCount, 2),
    ["failures"] = Interlocked.Read(ref failures),
    ["first_failure"] = firstFailure,
}));
return Interlocked.Read(ref failures) == 0 ? 0 : 1;

internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    public static (IPAddress Host, int Port) Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        return (IPAddress.Parse(text[..colon]), int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}

internal static class Proc
{
    public static double CpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static long RssBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
