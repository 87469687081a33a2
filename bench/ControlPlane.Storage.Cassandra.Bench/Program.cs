// The store load of leases and heartbeats: three silos (eu-central/dc1, us-east/dc2, ap-south/dc3), each
// with the runtime's ShardLeaseKeeper and MembershipAgent at their default settings, placing the shards of
// a cluster definition by rendezvous hashing as the silo does. Prints statements per second (counted by
// the CQL client per coordinator) and the latency of each lease and membership operation.
//
//   dotnet run -c Release -- [--seconds 60] [--shards-per-kind 16] [--endpoints 10000] [--contact 127.0.0.16,127.0.0.17,127.0.0.18]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ControlPlane.Runtime;
using ControlPlane.Storage;
using ControlPlane.Storage.Cassandra;
using Microsoft.Extensions.Logging.Abstractions;

var seconds = Arg("--seconds", 60);
var shardsPerKind = Arg("--shards-per-kind", 16);
var endpoints = Arg("--endpoints", 10_000);
var contact = ArgText("--contact", "127.0.0.16,127.0.0.17,127.0.0.18").Split(',');
string[] regions = ["eu-central", "us-east", "ap-south"];
var keyspace = $"load_{Guid.NewGuid():N}"[..21];
var shardMap = new ShardMap(shardsPerKind);

// The shards of a cluster with these regions: what GrainActivator.AllShards lists. Endpoints do not appear:
// every grain of a kind maps onto the same fixed shards.
var allShards = regions.SelectMany(r => shardMap.ShardsOf("probe", r))
    .Concat(shardMap.ShardsOf("endpoint")).Concat(shardMap.ShardsOf("service")).Concat(shardMap.ShardsOf("datacenter")).ToList();
var grainsPerShard = (endpoints * (regions.Length + 1)) / (double)allShards.Count;
Console.WriteLine($"{regions.Length} silos, {allShards.Count} shards ({shardsPerKind} per kind), {endpoints} endpoints x {regions.Length} regions = {endpoints * regions.Length} probe grains + {endpoints} endpoint grains (about {grainsPerShard:0} grains per shard)");

var timings = new ConcurrentDictionary<string, ConcurrentBag<double>>();
var silos = new List<(CassandraControlPlaneStore Store, MembershipAgent Membership, ShardLeaseKeeper Keeper)>();
for (var i = 0; i < regions.Length; i++)
{
    var store = new CassandraControlPlaneStore(new CassandraStoreOptions
    {
        ContactPoints = contact.ToList(),
        LocalDatacenter = $"dc{i + 1}",
        Keyspace = keyspace,
        Replication = { ["dc1"] = 1, ["dc2"] = 1, ["dc3"] = 1 },
    });
    await store.InitializeAsync(default);
    var now = DateTimeOffset.UtcNow;
    var self = new SiloEntry($"silo-{regions[i]}", now.ToUnixTimeMilliseconds(), regions[i], $"dc{i + 1}", new Uri($"http://127.0.0.1:{8481 + i}/"), SiloStatus.Active, now, now);
    var membership = new MembershipAgent(new TimedMembership(store.Membership, timings), self, new MembershipOptions(), TimeProvider.System, NullLogger<MembershipAgent>.Instance);
    var keeper = new ShardLeaseKeeper(new TimedLeases(store.Leases, timings), self.SiloId, new LeaseOptions(), TimeProvider.System, NullLogger<ShardLeaseKeeper>.Instance);
    silos.Add((store, membership, keeper));
}

foreach (var (_, membership, keeper) in silos)
{
    await membership.StartAsync(default);
}

// Placement as the silo does it (PlacementLoop): recomputed whenever the live set changes.
foreach (var (_, membership, keeper) in silos)
{
    void Place() => keeper.SetWanted(RendezvousPlacement.ShardsOwnedBy(membership.Self.SiloId, membership.Live, allShards).ToList());
    membership.Changed += _ => Place();
    Place();
    await keeper.StartAsync(default);
}

Console.WriteLine("warming up 10 s (all silos join, every shard acquired)");
await Task.Delay(TimeSpan.FromSeconds(10));
timings.Clear();
var before = silos.Sum(s => s.Store.Session.Hosts.Sum(h => h.RequestsSent));
var clock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(seconds));
var elapsed = clock.Elapsed.TotalSeconds;
var after = silos.Sum(s => s.Store.Session.Hosts.Sum(h => h.RequestsSent));

Console.WriteLine($"held shards: {string.Join(", ", silos.Select(s => $"{s.Membership.Self.SiloId}={s.Keeper.HeldShards.Count}"))}");
Console.WriteLine($"statements: {(after - before) / elapsed:0.0}/s in total over {elapsed:0} s (all silos; counted by the CQL client)");
Console.WriteLine("operation          calls/s  statements/call   p50 ms   p95 ms   p99 ms   max ms");
foreach (var (name, samples) in timings.OrderBy(t => t.Key, StringComparer.Ordinal))
{
    var sorted = samples.Order().ToArray();
    var statements = name switch { "lease.renew" => "1 LWT", "lease.acquire" => "1 read + 1 LWT", "membership.heartbeat" => "1 write + 1 read", "membership.read-all" => "1 read", _ => "1 LWT" };
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-18} {sorted.Length / elapsed,7:0.0}  {statements,-16} {P(sorted, 0.50),7:0.0}  {P(sorted, 0.95),7:0.0}  {P(sorted, 0.99),7:0.0}  {sorted[^1],7:0.0}"));
}

// One lightweight transaction at a time, beside the load above: the latency of a Paxos round itself.
var probe = silos[0].Store;
var single = (await probe.Leases.TryAcquireAsync("latency.0", "bench", TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow, default))!;
var alone = new List<double>();
for (var i = 0; i < 300; i++)
{
    var started = Stopwatch.GetTimestamp();
    await probe.Leases.TryRenewAsync(single, TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow, default);
    alone.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

alone.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"one renewal at a time (SERIAL, from dc1): p50 {P([.. alone], 0.50):0.0} ms, p95 {P([.. alone], 0.95):0.0} ms, p99 {P([.. alone], 0.99):0.0} ms"));

foreach (var (store, membership, keeper) in silos)
{
    await keeper.StopAsync(default);
    await membership.DisposeAsync();
    await store.DisposeAsync();
}

static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

int Arg(string name, int fallback) => int.Parse(ArgText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string ArgText(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

/// <summary>Times every lease operation by name.</summary>
internal sealed class TimedLeases(ILeaseStore inner, ConcurrentDictionary<string, ConcurrentBag<double>> timings) : ILeaseStore
{
    public Task<ShardLease?> ReadAsync(string shardId, CancellationToken cancellationToken) => Time("lease.read", () => inner.ReadAsync(shardId, cancellationToken));

    public Task<ShardLease?> TryAcquireAsync(string shardId, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) =>
        Time("lease.acquire", () => inner.TryAcquireAsync(shardId, owner, ttl, now, cancellationToken));

    public Task<bool> TryRenewAsync(ShardLease lease, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) =>
        Time("lease.renew", () => inner.TryRenewAsync(lease, ttl, now, cancellationToken));

    public Task ReleaseAsync(ShardLease lease, CancellationToken cancellationToken) => Time("lease.release", async () => { await inner.ReleaseAsync(lease, cancellationToken); return true; });

    private async Task<T> Time<T>(string name, Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await operation();
        }
        finally
        {
            timings.GetOrAdd(name, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

/// <summary>Times every membership operation by name.</summary>
internal sealed class TimedMembership(IMembershipStore inner, ConcurrentDictionary<string, ConcurrentBag<double>> timings) : IMembershipStore
{
    public Task<SiloEntry?> RegisterAsync(SiloEntry entry, TimeSpan liveFor, CancellationToken cancellationToken) =>
        Time("membership.register", () => inner.RegisterAsync(entry, liveFor, cancellationToken));

    public Task<bool> HeartbeatAsync(string siloId, long generation, DateTimeOffset at, CancellationToken cancellationToken) =>
        Time("membership.heartbeat", () => inner.HeartbeatAsync(siloId, generation, at, cancellationToken));

    public Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken) => Time("membership.read-all", () => inner.ReadAllAsync(cancellationToken));

    public Task<bool> DeclareDeadAsync(string siloId, long generation, DateTimeOffset lastSeenHeartbeat, CancellationToken cancellationToken) =>
        Time("membership.declare-dead", () => inner.DeclareDeadAsync(siloId, generation, lastSeenHeartbeat, cancellationToken));

    private async Task<T> Time<T>(string name, Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await operation();
        }
        finally
        {
            timings.GetOrAdd(name, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
