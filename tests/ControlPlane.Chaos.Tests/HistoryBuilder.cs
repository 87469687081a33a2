using ControlPlane.Testing.Chaos;

namespace ControlPlane.Chaos.Tests;

/// <summary>
/// Hand-made chaos histories: regions eu-central, us-east and ap-south, quorum 2, one service
/// <c>web</c> with endpoints web-a, web-b and web-c, a 5 s detection window and a 10 s act bound.
/// Times are in seconds.
/// </summary>
internal sealed class HistoryBuilder
{
    public const string Service = "web";

    public static readonly string[] Regions = ["eu-central", "us-east", "ap-south"];

    public static readonly string[] Endpoints = ["web-a", "web-b", "web-c"];

    private static readonly HistorySettings Settings = new(
        Regions,
        2,
        new Dictionary<string, IReadOnlyList<string>> { [Service] = Endpoints },
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(10),
        Seed: 42);

    private readonly List<HistoryEvent> _events = [];

    /// <summary>Every silo running and the whole record served from 0 s.</summary>
    public static HistoryBuilder Started()
    {
        var builder = new HistoryBuilder();
        foreach (var region in Regions)
        {
            builder.Silo(0, region, true);
        }

        return builder.Served(0, Endpoints);
    }

    /// <summary>
    /// A run that broke no rule: web-a dies at 10 s, is decided down at 14 s and leaves the record
    /// at 15 s (5 s after the cluster could act); it comes back at 30 s, is decided healthy at 33 s
    /// and served again at 34 s. Each decision has its DNS change and its webhook.
    /// </summary>
    public static HistoryBuilder Good() => Started()
        .Fault(10, "kill-target", "web-a", true)
        .Truth(10, "web-a", Regions)
        .Decision(14, "d1", "web-a", 1, "healthy", "down")
        .Change(14.5, "c1", ["web-a", "web-b", "web-c"], ["web-b", "web-c"])
        .Served(15, "web-b", "web-c")
        .Webhook(15.2, "d1")
        .Fault(30, "kill-target", "web-a", false)
        .Truth(30, "web-a")
        .Decision(33, "d2", "web-a", 2, "down", "healthy")
        .Change(33.5, "c2", ["web-b", "web-c"], ["web-a", "web-b", "web-c"])
        .Served(34, Endpoints)
        .Webhook(34.1, "d2");

    public HistoryBuilder Truth(double at, string endpoint, params string[] downFrom) => Add(new TruthChanged(S(at), endpoint, downFrom));

    public HistoryBuilder Silo(double at, string region, bool running) => Add(new SiloChanged(S(at), region, running));

    /// <summary>The DNS provider of <paramref name="service"/> (null: of every service) available or not.</summary>
    public HistoryBuilder Provider(double at, bool available, string? service = null) => Add(new DnsProviderChanged(S(at), available, service));

    public HistoryBuilder Fault(double at, string fault, string detail, bool started) => Add(new FaultInjected(S(at), fault, detail, started));

    public HistoryBuilder Decision(double at, string id, string endpoint, long sequence, string from, string to) => Add(new DecisionMade(S(at), id, endpoint, sequence, from, to));

    public HistoryBuilder Change(double at, string id, string[] before, string[] after) => Add(new DnsChangeRecorded(S(at), id, Service, before, after));

    public HistoryBuilder Served(double at, params string[] endpoints) => Add(new DnsObserved(S(at), Service, endpoints));

    /// <summary>A receipt of the webhook for decision <paramref name="decisionId"/>.</summary>
    public HistoryBuilder Webhook(double at, string decisionId, string? endpoint = "web-a") => Add(new WebhookReceived(S(at), "decision:" + decisionId, "endpoint.state_changed", endpoint));

    public HistoryBuilder Without(Func<HistoryEvent, bool> unwanted)
    {
        _events.RemoveAll(e => unwanted(e));
        return this;
    }

    /// <summary>The events in the order they were added: the checker sorts them.</summary>
    public History Build() => new(Settings, _events.ToList());

    public ChaosReport Check() => HistoryChecker.Check(Build());

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private HistoryBuilder Add(HistoryEvent e)
    {
        _events.Add(e);
        return this;
    }
}
