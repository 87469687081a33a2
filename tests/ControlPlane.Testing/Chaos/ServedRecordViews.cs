using ControlPlane.Testing.Bind;
using ControlPlane.Testing.Route53;
using ControlPlane.Testing.Silos;

namespace ControlPlane.Testing.Chaos;

/// <summary>What one service's DNS record serves right now, as a resolver would see it, in endpoint ids.</summary>
internal interface IServedRecordView
{
    string Service { get; }

    /// <summary>The endpoints served, or null when the answer cannot be had (the server is down).</summary>
    Task<IReadOnlyList<string>?> ReadAsync();
}

/// <summary>The zone file service <c>web</c> writes.</summary>
internal sealed class ZoneFileView(ClusterScenario cluster) : IServedRecordView
{
    private readonly Dictionary<string, string> _ids = cluster.Endpoints.ToDictionary(e => e.Value.Address.ToString(), e => e.Key);

    public string Service => "web";

    public Task<IReadOnlyList<string>?> ReadAsync()
    {
        try
        {
            return Task.FromResult<IReadOnlyList<string>?>(cluster.PublishedAddresses().Select(a => _ids.GetValueOrDefault(a, a)).ToList());
        }
        catch (IOException)
        {
            return Task.FromResult<IReadOnlyList<string>?>(null); // being replaced
        }
    }
}

/// <summary>The authoritative answer of the real BIND, with <c>dig</c>.</summary>
internal sealed class BindView(BindServer bind, string service, IReadOnlyDictionary<string, string> ids) : IServedRecordView
{
    public string Service => service;

    public async Task<IReadOnlyList<string>?> ReadAsync()
    {
        // Only an authoritative NOERROR answer tells what is served: no answer (named stopped, frozen,
        // or slower than dig's 1 s) or an error status (SERVFAIL under load) tells nothing.
        var answer = await bind.DigAnswerAsync($"{service}.{bind.Zone}");
        return answer is ("NOERROR", var addresses) ? addresses.Select(a => ids.GetValueOrDefault(a, a)).ToList() : null;
    }
}

/// <summary>The record sets of the local Route 53 zone (changes count once accepted, as Route 53's authoritative servers serve them).</summary>
internal sealed class Route53View(FakeHostedZone zone, string service, IReadOnlyDictionary<string, string> ids) : IServedRecordView
{
    public string Service => service;

    public Task<IReadOnlyList<string>?> ReadAsync()
    {
        var values = zone.AddressSetsAt($"{service}.{ChaosEnvironment.Zone}").Where(s => s.Type == "A").SelectMany(s => s.Values);
        return Task.FromResult<IReadOnlyList<string>?>(values.Select(a => ids.GetValueOrDefault(a, a)).ToList());
    }
}
