using System.Globalization;
using System.Net;
using System.Text;
using ControlPlane.Silo.Tests.Bind;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// One silo with its own temporary folder, settings, cluster definition and HTTP targets on
/// fresh loopback addresses. Targets run in the test process and can be stopped (port closed)
/// and started again. The service publishes into a zone file, or, created with
/// <see cref="CreateWithRfc2136Async"/>, through an rfc2136 provider to a real BIND.
/// </summary>
internal sealed class SiloScenario : IAsyncDisposable
{
    private readonly Dictionary<string, DemoTarget?> _targets = [];
    private readonly Rfc2136Publishing? _rfc2136;

    private SiloScenario(string directory, IReadOnlyDictionary<string, IPEndPoint> endpoints, IPAddress apiAddress, int apiPort, Rfc2136Publishing? rfc2136)
    {
        _rfc2136 = rfc2136;
        Directory = directory;
        Endpoints = endpoints;
        Api = new Uri($"http://{apiAddress}:{apiPort.ToString(CultureInfo.InvariantCulture)}");
        _siloPort = LoopbackAddresses.FreePort(apiAddress);
    }

    private readonly int _siloPort;
    private int _ttl = 30;
    private IReadOnlyList<string> _serviceFields = [];

    public string Directory { get; }

    public IReadOnlyDictionary<string, IPEndPoint> Endpoints { get; }

    public Uri Api { get; }

    public string SettingsPath => Path.Combine(Directory, "silo.yaml");

    public string DefinitionPath => Path.Combine(Directory, "cluster.yaml");

    public string ZonePath => Path.Combine(Directory, "zones", "example.test.zone");

    /// <summary>The TSIG key file (tsig-keygen's format) the rfc2136 provider reads through <c>tsigSecretFile</c>.</summary>
    public string TsigKeyPath => Path.Combine(Directory, "tsig.key");

    public SiloProcess? Silo { get; private set; }

    /// <summary>
    /// A scenario with one service <c>web</c> of the given policy over endpoints named by
    /// <paramref name="endpointIds"/> (priority = position for failover), 1 s interval, fall 2, rise 2.
    /// </summary>
    public static Task<SiloScenario> CreateAsync(string policy, params string[] endpointIds) => CreateAsync(null, policy, endpointIds);

    /// <summary>As <see cref="CreateAsync(string, string[])"/>, with the record's TTL and more fields of the service (YAML lines such as <c>maxUnavailable: 1</c>).</summary>
    public static Task<SiloScenario> CreateAsync(string policy, int ttl, IReadOnlyList<string> serviceFields, params string[] endpointIds) =>
        CreateAsync(null, policy, endpointIds, ttl, serviceFields);

    /// <summary>As <see cref="CreateAsync(string, string[])"/>, but <c>web</c> publishes through an rfc2136 provider as <paramref name="publishing"/> says.</summary>
    public static Task<SiloScenario> CreateWithRfc2136Async(Rfc2136Publishing publishing, string policy, params string[] endpointIds) =>
        CreateAsync(publishing, policy, endpointIds);

    private static async Task<SiloScenario> CreateAsync(Rfc2136Publishing? rfc2136, string policy, string[] endpointIds, int ttl = 30, IReadOnlyList<string>? serviceFields = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cp-silo-").FullName;
        var endpoints = endpointIds.ToDictionary(id => id, _ =>
        {
            var address = LoopbackAddresses.Next();
            return new IPEndPoint(address, LoopbackAddresses.FreePort(address));
        });
        var apiAddress = LoopbackAddresses.Next();
        var scenario = new SiloScenario(directory, endpoints, apiAddress, LoopbackAddresses.FreePort(apiAddress), rfc2136) { _ttl = ttl, _serviceFields = serviceFields ?? [] };
        await File.WriteAllTextAsync(scenario.SettingsPath, scenario.Settings());
        if (rfc2136 is not null)
        {
            await File.WriteAllTextAsync(scenario.TsigKeyPath, rfc2136.Bind.UpdateKey.KeyStatement());
        }

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

        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for: {what}\n{await DescribeDnsAsync()}\nsilo output:\n{Silo?.Output}");
        return timeout;
    }

    /// <summary>What DNS serves for web.example.test., for failure messages.</summary>
    private async Task<string> DescribeDnsAsync()
    {
        if (_rfc2136 is null)
        {
            return $"zone file: {string.Join(", ", PublishedAddresses())}";
        }

        try
        {
            return $"{_rfc2136.Bind} serves: {string.Join(", ", await _rfc2136.Bind.DigAsync("web.example.test."))}";
        }
        catch (InvalidOperationException e)
        {
            return $"{_rfc2136.Bind}: {e.Message}";
        }
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
          siloAddress: {Api.Host}
          siloPort: {_siloPort}
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
            {Provider()}
            services:
              - id: web
                dns: {"{"} {ServiceDns()} {"}"}
                policy: {policy}
                check: http
                health: {"{"} fall: 2, rise: 2 {"}"}
            {string.Concat(_serviceFields.Select(f => $"    {f}\n"))}    endpoints:

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

    /// <summary>The provider entry under <c>dns.providers</c>, indented for it.</summary>
    private string Provider()
    {
        if (_rfc2136 is not { } rfc2136)
        {
            return $"""
                    - id: zone
                      type: zonefile
                      zone: example.test.
                      path: {ZonePath}
                """;
        }

        var key = rfc2136.Bind.UpdateKey;
        var secret = rfc2136.Secret is { } inline ? $"tsigSecret: {inline}" : $"tsigSecretFile: {TsigKeyPath}";
        return $"""
                - id: {Rfc2136Publishing.ProviderId}
                  type: rfc2136
                  server: {rfc2136.Bind.Server}
                  zone: {rfc2136.Bind.Zone}
                  tsigKeyName: {key.Name}
                  tsigAlgorithm: {key.Algorithm}
                  {secret}
            """;
    }

    /// <summary>The entries of the service's <c>dns</c> flow map.</summary>
    private string ServiceDns() => _rfc2136 is { } rfc2136
        ? string.Join(", ", ["provider: " + Rfc2136Publishing.ProviderId, "name: web.example.test.", $"ttl: {_ttl}", .. rfc2136.ServiceDnsSettings])
        : $"provider: zone, name: web.example.test., ttl: {_ttl}";
}
