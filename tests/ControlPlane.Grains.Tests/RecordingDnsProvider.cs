using System.Collections.Concurrent;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Failover;
using ControlPlane.Dns;

namespace ControlPlane.Grains.Tests;

/// <summary>A DNS provider that keeps the records in memory and records every call; it can fail on demand or have its records altered.</summary>
internal sealed class RecordingDnsProvider(string id) : IDnsProvider
{
    private readonly ConcurrentDictionary<string, List<PublishedRecord>> _records = new();

    public string Id { get; } = id;

    public ConcurrentQueue<DesiredRecordSet> Applied { get; } = new();

    public volatile bool Failing;

    public Task<DnsApplyResult> ApplyAsync(DesiredRecordSet desired, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new DnsProviderException(Id, "provider down (test)", transient: true);
        }

        Applied.Enqueue(desired);
        var records = desired.Targets.Select(t => new PublishedRecord(desired.Name, t.RecordType, t.Address.ToString(), desired.Ttl)).ToList();
        _records[desired.Name] = records;
        return Task.FromResult(new DnsApplyResult(true, "applied"));
    }

    public Task<IReadOnlyList<PublishedRecord>> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PublishedRecord>>(_records.TryGetValue(name, out var r) ? r.ToList() : []);

    /// <summary>Someone edits the records behind the control plane's back.</summary>
    public void Tamper(string name, string address) => _records[name] = [new PublishedRecord(name, "A", address, 30)];

    public string[] Serving(string name) => _records.TryGetValue(name, out var r) ? r.Select(x => x.Value).Order().ToArray() : [];
}

/// <summary>Hands out one shared <see cref="RecordingDnsProvider"/> for type <c>recording</c>.</summary>
internal sealed class RecordingDnsProviderFactory(RecordingDnsProvider provider) : IDnsProviderFactory
{
    public string Type => "recording";

    public IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> settings) => [];

    public IDnsProvider Create(DnsProviderDefinition definition) => provider;
}
