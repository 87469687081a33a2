using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Testing.Chaos;

/// <summary>
/// What a chaos run saw, in the order it saw it: the ground truth it imposed (which regions can
/// reach each target, which silos run, whether the DNS provider answers), the faults it injected,
/// and what the control plane did (decisions, DNS changes, the record set served at the DNS
/// server, webhooks received). <see cref="HistoryChecker"/> judges it; the runner writes it as
/// JSON lines so a failed run can be checked again by hand.
/// </summary>
public sealed record History(HistorySettings Settings, IReadOnlyList<HistoryEvent> Events)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One JSON object per line: the settings first, then every event.</summary>
    public async Task WriteAsync(string path)
    {
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync(JsonSerializer.Serialize(Settings, Json));
        foreach (var e in Events)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(e, Json));
        }
    }

    public static History Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var settings = JsonSerializer.Deserialize<HistorySettings>(lines[0], Json) ?? throw new InvalidDataException($"{path}:1: not history settings");
        return new(settings, lines.Skip(1).Select(l => JsonSerializer.Deserialize<HistoryEvent>(l, Json)!).ToList());
    }
}

/// <param name="Regions">Every configured region.</param>
/// <param name="Quorum">How many regions must see an endpoint down before it may leave DNS (majority of <paramref name="Regions"/>).</param>
/// <param name="Services">Each service's endpoints, in their DNS record.</param>
/// <param name="DetectionWindow">How long before a removal the endpoint must have been seen down by a quorum for the removal to be justified (interval x fall plus timeouts and propagation).</param>
/// <param name="ActBound">How long after the cluster could act a quorum-down endpoint may still be served.</param>
public sealed record HistorySettings(
    IReadOnlyList<string> Regions,
    int Quorum,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Services,
    TimeSpan DetectionWindow,
    TimeSpan ActBound,
    int? Seed = null);

/// <summary>An event at <see cref="At"/> since the start of the run.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TruthChanged), "truth")]
[JsonDerivedType(typeof(SiloChanged), "silo")]
[JsonDerivedType(typeof(DnsProviderChanged), "dnsProvider")]
[JsonDerivedType(typeof(FaultInjected), "fault")]
[JsonDerivedType(typeof(DecisionMade), "decision")]
[JsonDerivedType(typeof(DnsChangeRecorded), "dnsChange")]
[JsonDerivedType(typeof(DnsObserved), "dnsObserved")]
[JsonDerivedType(typeof(WebhookReceived), "webhook")]
public abstract record HistoryEvent(TimeSpan At);

/// <summary>Ground truth: from now on the endpoint cannot be reached from <paramref name="DownFrom"/> (every region when the target itself is down; empty when it is healthy).</summary>
public sealed record TruthChanged(TimeSpan At, string Endpoint, IReadOnlyList<string> DownFrom) : HistoryEvent(At);

/// <summary>The region's silo runs (and is not stopped) from now on, or not.</summary>
public sealed record SiloChanged(TimeSpan At, string Region, bool Running) : HistoryEvent(At);

/// <summary>The DNS provider of <paramref name="Service"/> (null: of every service) accepts changes from now on, or not (stopped, failing, throttling).</summary>
public sealed record DnsProviderChanged(TimeSpan At, bool Available, string? Service = null) : HistoryEvent(At);

/// <summary>A fault the runner injected (<paramref name="Started"/>) or healed.</summary>
public sealed record FaultInjected(TimeSpan At, string Fault, string Detail, bool Started) : HistoryEvent(At);

/// <summary>A health decision as the API lists it; <paramref name="Sequence"/> orders one endpoint's decisions; <paramref name="Reason"/> is the product's, for whoever reads a failed run.</summary>
public sealed record DecisionMade(TimeSpan At, string Id, string Endpoint, long Sequence, string From, string To, string? Reason = null) : HistoryEvent(At);

/// <summary>A DNS change as the API lists it: the endpoints in the record before and after.</summary>
public sealed record DnsChangeRecorded(TimeSpan At, string Id, string Service, IReadOnlyList<string> Before, IReadOnlyList<string> After) : HistoryEvent(At);

/// <summary>The endpoints the authoritative DNS server answered with, recorded each time the answer changed.</summary>
public sealed record DnsObserved(TimeSpan At, string Service, IReadOnlyList<string> Endpoints) : HistoryEvent(At);

/// <summary>A webhook delivery the receiver accepted (every attempt, duplicates included).</summary>
public sealed record WebhookReceived(TimeSpan At, string EventId, string Type, string? Endpoint) : HistoryEvent(At);
