using System.Globalization;
using System.Net;
using System.Text;
using ControlPlane.Silo;
using ControlPlane.Storage;
using ControlPlane.Storage.Cassandra;
using ControlPlane.Storage.Sqlite;
using Xunit;

namespace ControlPlane.Testing.Silos;

/// <summary>
/// Several silo processes, one per region (more can join), sharing one SQLite file (the
/// "cluster on one machine" of the README) or one Cassandra keyspace, each silo then using the
/// Cassandra datacenter of its region as its local one. One multivalue service <c>web</c> over
/// in-process targets that can fail for all regions or only for some.
/// </summary>
internal sealed class ClusterScenario : IAsyncDisposable
{
    public static readonly string[] Regions = ["eu-central", "us-east", "ap-south"];

    private readonly Dictionary<string, DemoTarget> _targets = [];
    private readonly Dictionary<string, SiloProcess> _silos = [];

    private readonly CassandraStoreOptions? _cassandra;
    private readonly ClusterDefinitionExtras? _extras;

    private ClusterScenario(string directory, IReadOnlyDictionary<string, IPEndPoint> endpoints, CassandraStoreOptions? cassandra, ClusterDefinitionExtras? extras)
    {
        Directory = directory;
        Endpoints = endpoints;
        _cassandra = cassandra;
        _extras = extras;
        Store = cassandra is null ? new SqliteControlPlaneStore(Path.Combine(directory, "cluster.db")) : new CassandraControlPlaneStore(cassandra);
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, IPEndPoint> Endpoints { get; }

    /// <summary>The silos' store, as the test sees it (a Cassandra store connects on first use, in datacenter dc1).</summary>
    public IControlPlaneStore Store { get; }

    public IReadOnlyDictionary<string, SiloProcess> Silos => _silos;

    /// <summary>Environment variables every silo started from now on gets (Route 53 credentials, for example).</summary>
    public Dictionary<string, string> SiloEnvironment { get; } = [];

    /// <summary>The extra services over <c>web</c>'s targets (<see cref="ClusterDefinitionExtras.Mirrors"/>).</summary>
    public IReadOnlyList<MirrorService> Mirrors => _extras?.Mirrors ?? [];

    public string ZonePath => Path.Combine(Directory, "zones", "example.test.zone");

    public static Task<ClusterScenario> CreateAsync(params string[] endpointIds) => CreateAsync(null, endpointIds);

    /// <summary>
    /// A scenario on Cassandra: <paramref name="cassandra"/> names the nodes and keyspace; silo <c>i</c>
    /// of region <see cref="Regions"/>[<c>i</c>] uses datacenter <c>dc{i+1}</c> as its local one.
    /// </summary>
    public static Task<ClusterScenario> CreateAsync(CassandraStoreOptions? cassandra, params string[] endpointIds) => CreateAsync(cassandra, null, endpointIds);

    /// <summary>As <see cref="CreateAsync(CassandraStoreOptions?, string[])"/>, with more DNS providers and services in the definition.</summary>
    public static async Task<ClusterScenario> CreateAsync(CassandraStoreOptions? cassandra, ClusterDefinitionExtras? extras, params string[] endpointIds)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cp-cluster-").FullName;
        var endpoints = endpointIds.ToDictionary(id => id, _ =>
        {
            var address = LoopbackAddresses.Next();
            return new IPEndPoint(address, LoopbackAddresses.FreePort(address));
        });
        var scenario = new ClusterScenario(directory, endpoints, cassandra, extras);
        await File.WriteAllTextAsync(Path.Combine(directory, "cluster.yaml"), scenario.Definition());
        foreach (var (id, endpoint) in endpoints)
        {
            scenario._targets[id] = await DemoTarget.StartAsync(id, endpoint, CancellationToken.None);
        }

        return scenario;
    }

    public DemoTarget Target(string id) => _targets[id];

    /// <summary>Starts a silo named <paramref name="siloId"/> in <paramref name="region"/>; it must answer within <paramref name="startTimeout"/> (default 30 s on SQLite, 90 s on Cassandra).</summary>
    public async Task<SiloProcess> StartSiloAsync(string siloId, string region, TimeSpan? startTimeout = null)
    {
        var address = LoopbackAddresses.Next();
        var api = new Uri($"http://{address}:{LoopbackAddresses.FreePort(address).ToString(CultureInfo.InvariantCulture)}");
        var settings = Path.Combine(Directory, $"{siloId}.yaml");
        await File.WriteAllTextAsync(settings, $"""
            silo: {"{"} id: {siloId}, region: {region}, datacenter: dc1 {"}"}
            api: {"{"} listen: {api} {"}"}
            store: {StoreSettings(region)}
            cluster: {"{"} definitionFile: cluster.yaml, siloAddress: {address}, siloPort: {LoopbackAddresses.FreePort(address).ToString(CultureInfo.InvariantCulture)} {"}"}
            logging: {"{"} level: Information, file: {siloId}.log {"}"}
            """);
        // On a new keyspace the first silos create the schema before they answer.
        var silo = await SiloProcess.StartAsync(Directory, settings, api, startTimeout ?? (_cassandra is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(90)),
            SiloEnvironment.Count > 0 ? new Dictionary<string, string>(SiloEnvironment) : null);
        _silos[siloId] = silo;
        return silo;
    }

    /// <summary>One silo per region: silo-eu-central, silo-us-east, silo-ap-south.</summary>
    public async Task StartOneSiloPerRegionAsync(TimeSpan? startTimeout = null)
    {
        await Task.WhenAll(Regions.Select(r => StartSiloAsync($"silo-{r}", r, startTimeout)));
    }

    /// <summary>The silo hosting the grain as a live silo's API reports it (service or endpoint grains), or null.</summary>
    public async Task<string?> OwnerOfAsync(string kind, string key)
    {
        var path = kind == "service" ? $"/api/v1/services/{key}" : $"/api/v1/endpoints/{key}";
        foreach (var silo in _silos.Values.Where(s => !s.HasExited && !s.IsPaused))
        {
            try
            {
                return (await silo.GetJsonAsync(path)).GetProperty("silo").GetString();
            }
            catch (Exception)
            {
                // this silo could not answer (the grain is moving): ask the next
            }
        }

        return null;
    }

    /// <summary>How many silos a live silo's membership view counts as active.</summary>
    public async Task<int> ActiveSilosAsync(SiloProcess asking)
    {
        try
        {
            return (await asking.GetJsonAsync("/api/v1/cluster")).GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    public string AddressOf(string id) => Endpoints[id].Address.ToString();

    public IReadOnlyList<string> PublishedAddresses() =>
        File.Exists(ZonePath)
            ? File.ReadAllLines(ZonePath).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length == 5 && f[0] == "web.example.test." && f[3] == "A").Select(f => f[4]).Order(StringComparer.Ordinal).ToList()
            : [];

    public Task WaitForPublishedAsync(TimeSpan timeout, params string[] ids)
    {
        var expected = ids.Select(AddressOf).Order(StringComparer.Ordinal).ToList();
        return WaitForAsync(() => Task.FromResult(PublishedAddresses().SequenceEqual(expected)), timeout, $"zone publishes exactly {string.Join(", ", ids)}");
    }

    public async Task<TimeSpan> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            if (await condition())
            {
                return DateTime.UtcNow - started;
            }

            await Task.Delay(50);
        }

        var logs = new StringBuilder();
        foreach (var (id, silo) in _silos)
        {
            logs.Append(CultureInfo.InvariantCulture, $"--- {id}:\n{silo.Output}\n");
        }

        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for: {what}\nzone: {string.Join(", ", PublishedAddresses())}\n{logs}");
        return timeout;
    }

    /// <summary>Copies every silo's log file (restarts append to it) into <paramref name="directory"/>, for a run's artifacts.</summary>
    public void CopyLogsTo(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        foreach (var log in System.IO.Directory.EnumerateFiles(Directory, "*.log"))
        {
            File.Copy(log, Path.Combine(directory, Path.GetFileName(log)), overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Values)
        {
            await silo.DisposeAsync();
        }

        foreach (var target in _targets.Values)
        {
            await target.DisposeAsync();
        }

        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The Cassandra datacenter a region's silos use as their local one.</summary>
    public static string DatacenterOf(string region) => $"dc{Array.IndexOf(Regions, region) + 1}";

    private string StoreSettings(string region)
    {
        if (_cassandra is null)
        {
            return "{ kind: sqlite, sqlite: { path: cluster.db } }";
        }

        var replication = string.Join(", ", _cassandra.Replication.Select(r => $"{r.Key}: {r.Value}"));
        return $"{{ kind: cassandra, cassandra: {{ contactPoints: [{string.Join(", ", _cassandra.ContactPoints)}], localDatacenter: {DatacenterOf(region)}, "
            + $"keyspace: {_cassandra.Keyspace}, replication: {{ {replication} }} }} }}";
    }

    private string Definition()
    {
        var yaml = new StringBuilder($"""
            regions: [{string.Join(", ", Regions)}]
            datacenters:
              - id: dc1
            checks:
              - id: http
                type: http
                interval: 1s
                connectTimeout: 300ms
                timeout: 2s
                http: {"{"} path: /health, expectStatus: [200], bodyContains: ok {"}"}
            dns:
              providers:
                - {"{"} id: zone, type: zonefile, zone: example.test., path: {ZonePath} {"}"}
            {Lines(_extras?.Providers, "    ")}
            services:
              - id: web
                dns: {"{"} provider: zone, name: web.example.test., ttl: 30 {"}"}
                policy: multivalue
                check: http
                health: {_extras?.Health ?? "{ fall: 2, rise: 2 }"}
                endpoints:

            """);
        foreach (var (id, endpoint) in Endpoints)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - {{ id: {id}, address: {endpoint.Address}, port: {endpoint.Port}, datacenter: dc1 }}\n");
        }

        foreach (var mirror in Mirrors)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - id: {mirror.Id}
                    dns: {mirror.Dns}
                    policy: multivalue
                    check: http
                    health: {_extras?.Health ?? "{ fall: 2, rise: 2 }"}
                    endpoints:

                """);
            foreach (var (id, endpoint) in Endpoints)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"      - {{ id: {mirror.EndpointOf(id)}, address: {endpoint.Address}, port: {endpoint.Port}, datacenter: dc1 }}\n");
            }
        }

        yaml.Append(Lines(_extras?.Services, "  "));
        if (_extras?.Webhooks is { Count: > 0 } webhooks)
        {
            yaml.Append("webhooks:\n").Append(Lines(webhooks, "  "));
        }

        return yaml.ToString();
    }

    private static string Lines(IReadOnlyList<string>? entries, string indent) =>
        string.Concat((entries ?? []).Select(e => $"{indent}- {e}\n"));
}
