using System.Globalization;
using System.Net;
using System.Text;

namespace ControlPlane.StatusPage.Tests;

/// <summary>
/// One real silo on SQLite in region <c>eu-central</c>, serving its own demo targets on fresh
/// loopback addresses: service <c>web</c> (failover over <c>web-a</c>, then <c>web-b</c>) and
/// <c>api</c> (multivalue over <c>api-a</c>, <c>api-b</c>), 1 s checks, fall 2, rise 2.
/// A target is failed and healed through its <c>/_demo/down</c> and <c>/_demo/up</c>.
/// </summary>
public sealed class StatusPageSilo : IAsyncDisposable
{
    public static readonly string[] EndpointIds = ["web-a", "web-b", "api-a", "api-b"];

    private readonly int _siloPort;

    private StatusPageSilo(string directory)
    {
        Directory = directory;
        var apiAddress = LoopbackAddresses.Next();
        Api = new Uri($"http://{apiAddress}:{LoopbackAddresses.FreePort(apiAddress).ToString(CultureInfo.InvariantCulture)}");
        _siloPort = LoopbackAddresses.FreePort(apiAddress);
        Targets = EndpointIds.ToDictionary(id => id, _ =>
        {
            var address = LoopbackAddresses.Next();
            return new IPEndPoint(address, LoopbackAddresses.FreePort(address));
        });
    }

    public string Directory { get; }

    public Uri Api { get; }

    public IReadOnlyDictionary<string, IPEndPoint> Targets { get; }

    public SiloProcess Silo { get; private set; } = null!;

    public static async Task<StatusPageSilo> StartAsync()
    {
        var scenario = new StatusPageSilo(System.IO.Directory.CreateTempSubdirectory("cp-status-").FullName);
        await File.WriteAllTextAsync(Path.Combine(scenario.Directory, "silo.yaml"), scenario.Settings());
        await File.WriteAllTextAsync(Path.Combine(scenario.Directory, "cluster.yaml"), scenario.Definition());
        scenario.Silo = await SiloProcess.StartAsync(scenario.Directory, Path.Combine(scenario.Directory, "silo.yaml"), scenario.Api, TimeSpan.FromSeconds(60));
        return scenario;
    }

    public string AddressOf(string id) => Targets[id].Address.ToString();

    /// <summary>Makes the demo target answer 503 (<paramref name="down"/>) or 200 again.</summary>
    public async Task SetTargetAsync(string id, bool down)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsync(new Uri($"http://{Targets[id]}/_demo/{(down ? "down" : "up")}"), null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Settings()
    {
        var yaml = new StringBuilder($"""
            silo: {"{"} id: silo-status, region: eu-central, datacenter: dc1 {"}"}
            api: {"{"} listen: "{Api}" {"}"}
            store: {"{"} kind: sqlite, sqlite: {"{"} path: store/controlplane.db {"}"} {"}"}
            cluster: {"{"} definitionFile: cluster.yaml, siloAddress: {Api.Host}, siloPort: {_siloPort.ToString(CultureInfo.InvariantCulture)} {"}"}
            logging: {"{"} level: Information, file: silo.log {"}"}
            demoTargets:

            """);
        foreach (var (id, target) in Targets)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ name: {id}, listen: \"{target}\" }}\n");
        }

        return yaml.ToString();
    }

    private string Definition()
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
                connectTimeout: 500ms
                timeout: 2s
                http: {"{"} path: /health, expectStatus: [200], bodyContains: ok {"}"}
            dns:
              providers:
                - {"{"} id: zone, type: zonefile, zone: example.test., path: {Path.Combine(Directory, "zones", "example.test.zone")} {"}"}
            services:

            """);
        foreach (var (service, policy) in new[] { ("web", "failover"), ("api", "multivalue") })
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - id: {service}
                    dns: {"{"} provider: zone, name: {service}.example.test., ttl: 30 {"}"}
                    policy: {policy}
                    check: http
                    health: {"{"} fall: 2, rise: 2 {"}"}
                    endpoints:

                """);
            var priority = 1;
            foreach (var id in EndpointIds.Where(e => e.StartsWith(service + "-", StringComparison.Ordinal)))
            {
                yaml.Append(CultureInfo.InvariantCulture,
                    $"      - {{ id: {id}, address: {Targets[id].Address}, port: {Targets[id].Port}, datacenter: dc{priority}, priority: {priority} }}\n");
                priority++;
            }
        }

        return yaml.ToString();
    }
}
