using System.Net;
using ControlPlane.Core.Failover;
using ControlPlane.Core.Model;
using ControlPlane.Dns.Route53.Credentials;
using ControlPlane.Dns.Route53.Signing;
using ControlPlane.Testing.Route53;

namespace ControlPlane.Dns.Route53.Tests.Provider;

/// <summary>A local Route 53 with one zone (example.com.) and providers wired to it with fast timings.</summary>
internal sealed class Route53TestKit : IAsyncDisposable
{
    public const string ZoneId = "Z1LOCALEXAMPLE";
    public const string Name = "api.example.com.";

    private readonly List<Route53DnsProviderFactory> _factories = [];

    private Route53TestKit(FakeRoute53Server server)
    {
        Server = server;
        Zone = server.AddZone(ZoneId, "example.com.");
    }

    public FakeRoute53Server Server { get; }

    public FakeHostedZone Zone { get; }

    public static async Task<Route53TestKit> StartAsync() => new(await FakeRoute53Server.StartNewAsync());

    public static SigningCredentials TestCredentials { get; } = new(FakeRoute53Server.AccessKeyId, FakeRoute53Server.SecretAccessKey);

    /// <summary>Options for tests: retries in milliseconds, fast INSYNC polling, no client-side rate limit to speak of.</summary>
    public Route53ProviderOptions Options() => new()
    {
        HostedZoneId = ZoneId,
        EndpointUrl = Server.Endpoint,
        RequestsPerSecond = 1000,
        InSyncPollInterval = TimeSpan.FromMilliseconds(20),
        InSyncTimeout = TimeSpan.FromSeconds(10),
        MaxAttempts = 10,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>A provider from its own factory, as a separate silo would have.</summary>
    public Route53DnsProvider Provider(Route53ProviderOptions? options = null, SigningCredentials? credentials = null)
    {
        var factory = new Route53DnsProviderFactory();
        _factories.Add(factory);
        return factory.Create("r53", options ?? Options(), new StaticCredentialSource(credentials ?? TestCredentials));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        await Server.DisposeAsync();
    }

    public static DesiredRecordSet Desired(RoutingPolicy policy, params (string Endpoint, string Address, int Weight)[] targets) =>
        DesiredAt(Name, policy, targets);

    public static DesiredRecordSet DesiredAt(string name, RoutingPolicy policy, params (string Endpoint, string Address, int Weight)[] targets) =>
        new("svc-api", name, 30, policy, targets.Select(t => new DnsTarget(t.Endpoint, IPAddress.Parse(t.Address), t.Weight, 0)).ToList(), null);

    /// <summary>What the zone holds at a name, as comparable text: "A primary PRIMARY 30 [192.0.2.1,192.0.2.2]".</summary>
    public IReadOnlyList<string> Served(string name = Name) =>
        Zone.AddressSetsAt(name)
            .Select(s => $"{s.Type} {s.SetIdentifier ?? "-"} {s.Policy}{(s.Weight is null ? string.Empty : $" w{s.Weight}")}{(s.Failover is null ? string.Empty : $" {s.Failover}")} {s.Ttl} [{string.Join(",", s.Values.Order(StringComparer.Ordinal))}]")
            .Order(StringComparer.Ordinal)
            .ToList();
}
