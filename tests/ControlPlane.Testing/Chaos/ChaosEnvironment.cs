using System.Globalization;
using ControlPlane.Storage.Cassandra;
using ControlPlane.Testing.Bind;
using ControlPlane.Testing.Route53;
using ControlPlane.Testing.Silos;
using ControlPlane.Testing.Webhooks;

namespace ControlPlane.Testing.Chaos;

/// <summary>
/// What chaos runs and the failover benchmark stand on: three silos in three regions (on Cassandra
/// when given, one datacenter per region, else on one SQLite file), targets on loopback, and one
/// service per DNS path over the same targets: <c>web</c> (zone file), <c>bind</c> (RFC 2136 to a
/// real BIND) and <c>r53</c> (the local Route 53 server), each watched where a resolver would see it;
/// a webhook receiver subscribed to every endpoint event.
/// </summary>
internal sealed class ChaosEnvironment : IAsyncDisposable
{
    public const string Zone = "example.test.";
    public const string HostedZoneId = "Z0CHAOSZONE";

    private ChaosEnvironment(ClusterScenario cluster, BindServer bind, FakeRoute53Server route53, FakeHostedZone zone, WebhookReceiver receiver)
    {
        Cluster = cluster;
        Bind = bind;
        Route53 = route53;
        Receiver = receiver;
        Views =
        [
            new ZoneFileView(cluster),
            new BindView(bind, "bind", AddressesOf(cluster, "bind")),
            new Route53View(zone, "r53", AddressesOf(cluster, "r53")),
        ];
    }

    public ClusterScenario Cluster { get; }

    public BindServer Bind { get; }

    public FakeRoute53Server Route53 { get; }

    public WebhookReceiver Receiver { get; }

    /// <summary>One view per service: what its DNS server answers now.</summary>
    public IReadOnlyList<IServedRecordView> Views { get; }

    /// <summary>The target ids (<c>web-a</c>, ...): each one backs an endpoint of every service.</summary>
    public IReadOnlyList<string> Targets => Cluster.Endpoints.Keys.ToList();

    /// <summary>Every service and its endpoints, the mirrors named after <c>web</c>'s.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Services =>
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["web"] = Targets,
            ["bind"] = Targets.Select(Cluster.Mirrors[0].EndpointOf).ToList(),
            ["r53"] = Targets.Select(Cluster.Mirrors[1].EndpointOf).ToList(),
        };

    /// <summary>The endpoint ids, one per service, that a target backs.</summary>
    public IReadOnlyList<string> EndpointsOf(string target) => [target, .. Cluster.Mirrors.Select(m => m.EndpointOf(target))];

    /// <param name="cassandra">Store options (one datacenter per region), or null for SQLite.</param>
    /// <param name="health">The services' health policy.</param>
    public static async Task<ChaosEnvironment> StartAsync(CassandraStoreOptions? cassandra, int targets, string health = "{ fall: 2, rise: 2 }")
    {
        var bindAddress = LoopbackAddresses.Next();
        var bind = new BindServer(bindAddress.ToString(), LoopbackAddresses.FreePort(bindAddress), Zone, TsigKey.Generate("controlplane."));
        await bind.StartAsync();
        var route53 = await FakeRoute53Server.StartNewAsync();
        var zone = route53.AddZone(HostedZoneId, Zone);
        var receiver = await WebhookReceiver.StartAsync();
        var key = bind.UpdateKey;
        var extras = new ClusterDefinitionExtras(
            [
                $"{{ id: bind, type: rfc2136, server: '{bind.Server}', zone: {Zone}, tsigKeyName: {key.Name}, tsigAlgorithm: {key.Algorithm}, tsigSecret: '{key.Secret}', timeout: 1s }}",
                $"{{ id: r53, type: route53, hostedZoneId: {HostedZoneId}, endpointUrl: '{route53.Endpoint}', inSyncTimeout: 0 }}",
            ],
            [],
            [$"{{ id: chaos, url: '{receiver.Url}chaos', format: json, events: ['endpoint.*'], initialBackoff: 200ms, maxBackoff: 2s, deadLetterAfter: 1h, timeout: 2s }}"],
            health,
            [new MirrorService("bind", "{ provider: bind, name: bind.example.test., ttl: 30 }"), new MirrorService("r53", "{ provider: r53, name: r53.example.test., ttl: 30 }")]);
        var ids = Enumerable.Range(0, targets).Select(i => $"web-{(char)('a' + i)}").ToArray();
        var cluster = await ClusterScenario.CreateAsync(cassandra, extras, ids);
        cluster.SiloEnvironment["AWS_ACCESS_KEY_ID"] = FakeRoute53Server.AccessKeyId;
        cluster.SiloEnvironment["AWS_SECRET_ACCESS_KEY"] = FakeRoute53Server.SecretAccessKey;
        cluster.SiloEnvironment["AWS_REGION"] = "us-east-1";
        cluster.SiloEnvironment["AWS_EC2_METADATA_DISABLED"] = "true";
        return new ChaosEnvironment(cluster, bind, route53, zone, receiver);
    }

    /// <summary>Starts one silo per region and waits until every service serves every endpoint.</summary>
    public async Task StartSilosAsync()
    {
        await Cluster.StartOneSiloPerRegionAsync();
        await WaitUntilServedAsync(TimeSpan.FromSeconds(90), Targets);
    }

    /// <summary>Waits until every view serves exactly the endpoints backed by <paramref name="targets"/>.</summary>
    public Task WaitUntilServedAsync(TimeSpan timeout, IReadOnlyCollection<string> targets) =>
        Cluster.WaitForAsync(async () =>
        {
            foreach (var view in Views)
            {
                var served = await view.ReadAsync();
                var expected = targets.Select(t => EndpointsOf(t)[IndexOf(view.Service)]).Order(StringComparer.Ordinal);
                if (served is null || !served.Order(StringComparer.Ordinal).SequenceEqual(expected))
                {
                    return false;
                }
            }

            return true;
        }, timeout, $"every service serves {string.Join(", ", targets)}");

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Receiver.DisposeAsync();
        await Route53.DisposeAsync();
        await Bind.DisposeAsync();
    }

    private static int IndexOf(string service) => service switch { "web" => 0, "bind" => 1, _ => 2 };

    private static Dictionary<string, string> AddressesOf(ClusterScenario cluster, string service)
    {
        var mirror = cluster.Mirrors.Single(m => m.Id == service);
        return cluster.Endpoints.ToDictionary(e => e.Value.Address.ToString(), e => mirror.EndpointOf(e.Key));
    }

    /// <summary>Seconds with millisecond precision, for logs and tables.</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
