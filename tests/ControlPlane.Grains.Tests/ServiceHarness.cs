using System.Net;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Service;
using ControlPlane.Probing;
using ControlPlane.Runtime;
using ControlPlane.Storage;
using ControlPlane.Storage.Sqlite;
using ControlPlane.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Grains.Tests;

/// <summary>One silo's runtime with real grains on a real SQLite store, and a recording DNS provider.</summary>
internal sealed class ServiceHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ShardLeaseKeeper _keeper;

    private ServiceHarness(ServiceProvider services, ShardLeaseKeeper keeper, GrainRuntime runtime, SqliteControlPlaneStore store)
    {
        _services = services;
        _keeper = keeper;
        Runtime = runtime;
        Store = store;
    }

    public GrainRuntime Runtime { get; }

    public SqliteControlPlaneStore Store { get; }

    public IServiceGrain Service => Runtime.Get<IServiceGrain>("web");

    public static ServiceDefinition Web(RoutingPolicy policy, ServiceDnsDefinition dns, int endpoints) => new()
    {
        Id = "web",
        Dns = dns,
        Policy = policy,
        CheckId = "tcp",
        Health = HealthPolicy.Default,
        Endpoints = Enumerable.Range(1, endpoints)
            .Select(i => new EndpointDefinition($"web-{i}", IPAddress.Parse($"192.0.2.{i}"), 80, "dc1", Priority: i))
            .ToList(),
    };

    public static async Task<ServiceHarness> StartAsync(string databasePath, ServiceDefinition service, RecordingDnsProvider provider, string silo = "silo-a")
    {
        var store = new SqliteControlPlaneStore(databasePath);
        await store.InitializeAsync(default);
        var cluster = new ClusterContext(new SiloIdentity(silo, "eu-central", "dc1"));
        cluster.SetDefinition(new ActiveDefinition(1, new ClusterDefinition
        {
            Regions = [new RegionDefinition("eu-central")],
            Datacenters = [new DatacenterDefinition("dc1")],
            Checks = [new CheckDefinition { Id = "tcp", Kind = CheckKind.Tcp, Port = 80 }],
            DnsProviders = [new DnsProviderDefinition("dns", "recording", new Dictionary<string, string>())],
            Services = [service],
        }));

        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton(store.GrainState);
        collection.AddSingleton(store.Observations);
        collection.AddSingleton(cluster);
        collection.AddSingleton(new DnsProviderRegistry([new RecordingDnsProviderFactory(provider)]));
        collection.AddSingleton<IProbe>(_ => ProbeEngine.CreateDefault());
        collection.AddSingleton(new ControlPlaneMetrics(new MetricsRegistry()));
        var services = collection.BuildServiceProvider();

        var shards = new ShardMap(4);
        var keeper = new ShardLeaseKeeper(store.Leases, silo, new LeaseOptions(), TimeProvider.System, NullLogger<ShardLeaseKeeper>.Instance);
        keeper.SetWanted(shards.ShardsOf(GrainKinds.Service));
        await keeper.RoundAsync(default);
        var runtime = new GrainRuntime(shards, keeper, TimeProvider.System, NullLoggerFactory.Instance);
        runtime.RegisterControlPlaneGrains(services);
        await runtime.EnsureActiveAsync(new GrainId(GrainKinds.Service, service.Id)); // as the silo's activator does
        return new ServiceHarness(services, keeper, runtime, store);
    }

    public Task ReportAsync(string endpoint, EndpointHealth health, bool drained = false) =>
        Service.ReportEndpointAsync(endpoint, new EndpointStatus(health, drained));

    public async Task<IReadOnlyList<DnsChange>> ChangesAsync() =>
        await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: "web", Limit: 1000), default);

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"timed out waiting for: {what}");
    }

    /// <summary>Deactivates the grains; the leases stay held (not released) until they expire or <see cref="StopLeasesAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await _services.DisposeAsync();
    }

    /// <summary>Stops renewing so that another silo may take the shards after the lease TTL.</summary>
    public Task StopLeasesAsync() => _keeper.StopAsync(default);
}
