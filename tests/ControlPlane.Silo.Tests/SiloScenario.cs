using System.Globalization;
using System.Net;
using System.Text;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// One silo with its own temporary folder, settings, cluster definition and HTTP targets on
/// fresh loopback addresses. Targets run in the test process and can be stopped (port closed)
/// and started again.
/// </summary>
internal sealed class SiloScenario : IAsyncDisposable
{
    private readonly Dictionary<string, DemoTarget?> _targets = [];

    private SiloScenario(string directory, IReadOnlyDictionary<string, IPEndPoint> endpoints, IPAddress apiAddress, int apiPort)
    {
        Directory = directory;
        Endpoints = endpoints;
        Api = new Uri($"http://{apiAddress}:{apiPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, IPEndPoint> Endpoints { get; }

    public Uri Api { get; }

    public string SettingsPath => Path.Combine(Directory, "silo.yaml");

    public string DefinitionPath => Path.Combine(Directory, "cluster.yaml");

    public string ZonePath => Path.Combine(Directory, "zones", "example.test.zone");

    public SiloProcess? Silo { get; private set; }

    /// <summary>
    /// A scenario with one service <c>web</c> of the given policy over endpoints named by
    /// <paramref name="endpointIds"/> (priority = position for failover), 1 s interval, fall 2, rise 2.
    /// </summary>
    public static async Task<SiloScenario> CreateAsync(string policy, params string[] endpointIds)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cp-silo-").FullName;
        var endpoints = endpointIds.ToDictionary(id => id, _ =>
        {
            var address = LoopbackAddresses.Next();
            return new IPEndPoint(address, LoopbackAddresses.FreePort(address));
        });
        var apiAddress = LoopbackAddresses.Next();
        var scenario = new SiloScenario(directory, endpoints, apiAddress, LoopbackAddresses.FreePort(apiAddress));
        await File.WriteAllTextAsync(scenario.SettingsPath, scenario.Settings());
        await File.WriteAllTextAsync(scenario.DefinitionPath, scenario.Definition(policy));
        foreach (var id in endpointIds)
        {
            await scenario.StartTargetAsync(id);
        }

        return scenario;
    }

    public async Task<SiloProcess> StartSiloAsync()
    {
        Silo = await SiloProcess.StartAsync(Directory, SettingsPath, Api);
        return Silo;
    }

    public async Task StartTargetAsync(string id) =>
        _targets[id] = await DemoTarget.StartAsync(id, Endpoints[id], CancellationToken.None);

    public async Task StopTargetAsync(string id)
    {
        if (_targets.GetValueOrDefault(id) is { } target)
        {
            await target.DisposeAsync();
            _targets[id] = null;
        }
    }

    public string AddressOf(string id) => Endpoints[id].Address.ToString();

    /// <summary>The addresses the zone file publishes for web.example.test., sorted; empty if no file yet.</summary>
    public IReadOnlyList<string> PublishedAddresses()
    {
        if (!File.Exists(ZonePath))
        {
            return [];
        }

        return File.ReadAllLines(ZonePath)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5 && f[0] == "web.example.test." && f[3] is "A" or "AAAA")
            .Select(f => f[4])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns how long it took, fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
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

        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for: {what}\nzone: {string.Join(", ", PublishedAddresses())}\nsilo output:\n{Silo?.Output}");
        return timeout;
    }

    public Task<TimeSpan> WaitForPublishedAsync(TimeSpan timeout, params string[] ids)
    {
        var expected = ids.Select(AddressOf).Order(StringComparer.Ordinal).ToList();
        return WaitForAsync(() => Task.FromResult(PublishedAddresses().SequenceEqual(expected)), timeout, $"zone publishes exactly {string.Join(", ", ids)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        foreach (var target in _targets.Values.OfType<DemoTarget>())
        {
            await target.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Settings() => $"""
        silo:
          id: silo-test
          region: eu-central
          datacenter: dc1
        api:
          listen: {Api}
        store:
          kind: sqlite
          sqlite:
            path: store/controlplane.db
        cluster:
          definitionFile: cluster.yaml
        logging:
          level: Information
          file: silo.log
        """;

    private string Definition(string policy)
    {
        var yaml = new StringBuilder($"""
            regions: [eu-central]
            datacenters:
              - id: dc1
              - id: dc2
            checks:
              - id: http
                type: http
                interval: 1s
                jitter: 0.1
                connectTimeout: 300ms
                timeout: 2s
                http:
                  path: /health
                  expectStatus: [200]
                  bodyContains: ok
            dns:
              providers:
                - id: zone
                  type: zonefile
                  zone: example.test.
                  path: {ZonePath}
            services:
              - id: web
                dns: {"{"} provider: zone, name: web.example.test., ttl: 30 {"}"}
                policy: {policy}
                check: http
                health: {"{"} fall: 2, rise: 2 {"}"}
                endpoints:

            """);
        var priority = 1;
        foreach (var (id, endpoint) in Endpoints)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                      - id: {id}
                        address: {endpoint.Address}
                        port: {endpoint.Port}
                        datacenter: dc{(priority % 2) + 1}
                        priority: {priority++}

                """);
        }

        return yaml.ToString();
    }
}
