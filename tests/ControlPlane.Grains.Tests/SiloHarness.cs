using System.Net;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Placement;
using ControlPlane.Grains.Probe;
using ControlPlane.Grains.Service;
using ControlPlane.Probing;
using ControlPlane.Probing.Scheduling;
using ControlPlane.Storage;
using ControlPlane.Storage.Sqlite;
using ControlPlane.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace ControlPlane.Grains.Tests;

/// <summary>One real Orleans silo (TestingHost, in process) with the control-plane grains on a real SQLite store and a recording DNS provider.</summary>
/// <remarks>
/// The silo is wired as <c>SiloHost</c> wires it: <c>AddControlPlaneGrains()</c>, silo metadata, and the singletons the grains
/// need, except that the grain state store is wrapped to record every write. No grain keeper runs: grains activate when called.
/// </remarks>
internal sealed class SiloHarness : IAsyncDisposable
{
    public const string ServiceId = "web";
    private const string Region = "eu-central";
    private const string Datacenter = "dc1";

    private SiloHarness(InProcessTestCluster cluster, SqliteControlPlaneStore store, RecordingGrainStateStore writes)
    {
        Cluster = cluster;
        Store = store;
        GrainState = writes;
    }

    public InProcessTestCluster Cluster { get; }

    public SqliteControlPlaneStore Store { get; }

    /// <summary>The store the grains write through; it records every write.</summary>
    public RecordingGrainStateStore GrainState { get; }

    public IGrainFactory Grains => Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();

    public IServiceGrain Service => Grains.GetGrain<IServiceGrain>(ServiceId);

    public static GrainKey ServiceKey => new(GrainKinds.Service, ServiceId);

    public static GrainKey EndpointKey(string endpointId) => new(GrainKinds.Endpoint, endpointId);

    public IEndpointGrain Endpoint(string endpointId) => Grains.GetGrain<IEndpointGrain>(endpointId);

    public static ServiceDefinition Web(RoutingPolicy policy, ServiceDnsDefinition dns, int endpoints) => new()
    {
        Id = ServiceId,
        Dns = dns,
        Policy = policy,
        CheckId = "tcp",
        Health = HealthPolicy.Default,
        Endpoints = Enumerable.Range(1, endpoints)
            .Select(i => new EndpointDefinition($"web-{i}", IPAddress.Parse($"127.0.3.{i}"), 80, Datacenter, Priority: i))
            .ToList(),
    };

    /// <summary>Starts a one-silo cluster on the SQLite file at <paramref name="databasePath"/> (created if missing, reused on a restart).</summary>
    /// <param name="check">The check with id <c>tcp</c> the service uses; default a TCP check on port 80.</param>
    public static async Task<SiloHarness> StartAsync(string databasePath, ServiceDefinition service, RecordingDnsProvider provider, CheckDefinition? check = null)
    {
        var store = new SqliteControlPlaneStore(databasePath);
        await store.InitializeAsync(default);
        var writes = new RecordingGrainStateStore(store.GrainState);
        var context = new ClusterContext(new SiloIdentity("silo-a", Region, Datacenter));
        context.SetDefinition(new ActiveDefinition(1, new ClusterDefinition
        {
            Regions = [new RegionDefinition(Region)],
            Datacenters = [new DatacenterDefinition(Datacenter)],
            Checks = [check ?? new CheckDefinition { Id = "tcp", Kind = CheckKind.Tcp, Port = 80 }],
            DnsProviders = [new DnsProviderDefinition(provider.Id, "recording", new Dictionary<string, string>())],
            Services = [service],
        }));

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseSiloMetadata(new Dictionary<string, string>
            {
                [SiloRegions.RegionKey] = Region,
                [SiloRegions.DatacenterKey] = Datacenter,
                [SiloRegions.SiloIdKey] = context.Silo.Id,
            });
            silo.AddControlPlaneGrains();
            var services = silo.Services;
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<IControlPlaneStore>(store);
            services.AddSingleton<IGrainStateStore>(writes);
            services.AddSingleton(store.Observations);
            services.AddSingleton(context);
            services.AddSingleton(new DnsProviderRegistry([new RecordingDnsProviderFactory(provider)]));
            services.AddSingleton<IProbe>(sp => ProbeEngine.CreateDefault(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<ControlPlaneMetrics>();
            services.AddSingleton(new ProbeAdmission());
            services.AddSingleton<ProbeLag>();
        });

        // The cluster always starts a client too, and it must know the Core types' JSON codec as the silo does.
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddControlPlaneSerialization()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var harness = new SiloHarness(cluster, store, writes);
        await harness.Service.KeepAliveAsync(); // as the grain keeper does: the service grain works on timers
        return harness;
    }

    public Task ReportAsync(string endpoint, EndpointHealth health, bool drained = false) =>
        Service.ReportEndpointAsync(endpoint, new EndpointStatus(health, drained));

    public async Task<IReadOnlyList<DnsChange>> ChangesAsync() =>
        await Store.Audit.QueryDnsChangesAsync(new AuditQuery(ServiceId: ServiceId, Limit: 1000), default);

    public async Task<IReadOnlyList<Decision>> DecisionsAsync(string endpointId) =>
        await Store.Audit.QueryDecisionsAsync(new AuditQuery(EndpointId: endpointId, Limit: 1000), default);

    /// <summary>Waits until the applied change to <paramref name="addresses"/> is recorded: the provider has them and the grain's write after it is done.</summary>
    public Task PublishedAsync(params string[] addresses) =>
        EventuallyAsync(async () => (await ChangesAsync()).Any(c => c.AppliedAt is not null && c.After.SequenceEqual(addresses)), $"[{string.Join(", ", addresses)}] applied and recorded");

    public async Task<T> StoredStateAsync<T>(GrainKey grain)
    {
        var stored = await Store.GrainState.ReadAsync(grain, default) ?? throw new InvalidOperationException($"no state stored for {grain}");
        return StoreJson.Deserialize<T>(stored.StateJson);
    }

    /// <summary>
    /// Does what a newer activation's epoch bump does: reads the stored state and its ETag, changes it, and writes it back
    /// conditioned on that ETag, so the store now holds a new ETag that the running activation has never seen.
    /// </summary>
    public async Task<T> OverwriteAsNewerActivationAsync<T>(GrainKey grain, Action<T> change)
    {
        var stored = await Store.GrainState.ReadAsync(grain, default) ?? throw new InvalidOperationException($"no state stored for {grain}");
        var state = StoreJson.Deserialize<T>(stored.StateJson);
        change(state);
        await Store.GrainState.WriteAsync(new GrainStateWrite(grain, StoreJson.Serialize(state), stored.ETag, [], []), default);
        return state;
    }

    /// <summary>The id of the grain's activation on the silo, or null when it is not active (this does not activate it).</summary>
    public ActivationId? ActivationOf(IAddressable grain) =>
        Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.ActivationId : null;

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

    /// <summary>Stops the silo gracefully (grains deactivate) and closes the store; the SQLite file stays for a restart.</summary>
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
    }
}
