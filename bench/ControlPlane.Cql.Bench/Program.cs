using System.Diagnostics;
using System.Globalization;
using ControlPlane.Cql;

// Prepared single-row writes, then reads of the same rows, at LOCAL_QUORUM, with a fixed number of
// requests in flight (like cassandra-stress's threads), reporting operations per second and latency
// percentiles. Usage: ControlPlane.Cql.Bench [--host 127.0.0.10] [--ops 200000] [--concurrency 64] [--warmup 20000]
var settings = Settings.Parse(args);
var options = new CqlClusterOptions
{
    ContactPoints = { settings.Host },
    DefaultConsistency = CqlConsistency.LocalQuorum,
    ConnectionsPerHost = settings.Connections,
};
await using var session = await CqlCluster.ConnectAsync(options);
await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS cql_bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
// The same storage layout as cassandra-stress's Keyspace1.Standard1 (a Thrift-style static column family).
await session.ExecuteAsync(
    "CREATE TABLE IF NOT EXISTS cql_bench.standard1 (key blob PRIMARY KEY, \"C0\" blob, \"C1\" blob, \"C2\" blob, \"C3\" blob, \"C4\" blob) WITH COMPACT STORAGE");
var write = await session.PrepareAsync("INSERT INTO cql_bench.standard1 (key, \"C0\", \"C1\", \"C2\", \"C3\", \"C4\") VALUES (?, ?, ?, ?, ?, ?)");
var read = await session.PrepareAsync("SELECT * FROM cql_bench.standard1 WHERE key = ?");

// Same shape as cassandra-stress's default: 10-byte keys, five 34-byte blob columns.
var columns = Enumerable.Range(0, 5).Select(i => Enumerable.Repeat((byte)('a' + i), 34).ToArray()).ToArray();
byte[] Key(long i) => System.Text.Encoding.ASCII.GetBytes(i.ToString("D10", CultureInfo.InvariantCulture));

Console.WriteLine($"ControlPlane.Cql bench: host {settings.Host}, protocol v{session.ProtocolVersion}, {settings.Operations} ops, " +
    $"{settings.Concurrency} in flight, {settings.Connections} connection(s), LOCAL_QUORUM");

await RunAsync("warmup", settings.Warmup, i => session.ExecuteAsync(write.Bind(Key(i), columns[0], columns[1], columns[2], columns[3], columns[4])), quiet: true);
var writes = await RunAsync("write", settings.Operations, i => session.ExecuteAsync(write.Bind(Key(i), columns[0], columns[1], columns[2], columns[3], columns[4])));
var reads = await RunAsync("read", settings.Operations, async i =>
{
    var statement = read.Bind(Key(i));
    statement.PageSize = settings.PageSize;
    var rows = await session.ExecuteAsync(statement);
    if (rows.Count != 1)
    {
        throw new InvalidOperationException($"row {i} missing");
    }
    return rows;
});
Console.WriteLine($"RESULT write ops/s={writes.Rate:F0} p50_ms={writes.P50:F2} p99_ms={writes.P99:F2}");
Console.WriteLine($"RESULT read ops/s={reads.Rate:F0} p50_ms={reads.P50:F2} p99_ms={reads.P99:F2}");

async Task<(double Rate, double P50, double P99)> RunAsync(string name, long operations, Func<long, Task<RowSet>> operation, bool quiet = false)
{
    var latencies = new double[operations];
    long next = -1;
    var ticksToMs = 1000.0 / Stopwatch.Frequency;
    var total = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
    {
        long i;
        while ((i = Interlocked.Increment(ref next)) < operations)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            latencies[i] = (Stopwatch.GetTimestamp() - start) * ticksToMs;
        }
    }).ToArray();
    await Task.WhenAll(workers);
    total.Stop();
    Array.Sort(latencies);
    var rate = operations / total.Elapsed.TotalSeconds;
    var p50 = latencies[(int)(operations * 0.50)];
    var p99 = latencies[(int)(operations * 0.99)];
    if (!quiet)
    {
        Console.WriteLine($"{name,-6} {operations} ops in {total.Elapsed.TotalSeconds:F1} s: {rate:F0} ops/s, p50 {p50:F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F1} ms");
    }
    return (rate, p50, p99);
}

internal sealed record Settings(string Host, long Operations, int Concurrency, long Warmup, int Connections, int PageSize)
{
    public static Settings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new Settings(
            Value("--host", "127.0.0.10"),
            long.Parse(Value("--ops", "200000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency", "64"), CultureInfo.InvariantCulture),
            long.Parse(Value("--warmup", "20000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--connections", "1"), CultureInfo.InvariantCulture),
            int.Parse(Value("--page-size", "5000"), CultureInfo.InvariantCulture));
    }
}
