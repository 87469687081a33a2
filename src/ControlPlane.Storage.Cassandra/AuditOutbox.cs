using ControlPlane.Core.Model;

namespace ControlPlane.Storage.Cassandra;

/// <summary>
/// The decisions and DNS changes of a grain's latest writes, stored with its state by the same conditional write
/// (the outbox column of its row), from which the audit query tables are written and re-written.
/// </summary>
internal sealed record AuditOutbox(IReadOnlyList<Decision> Decisions, IReadOnlyList<DnsChange> DnsChanges)
{
    public static AuditOutbox Empty { get; } = new([], []);

    public bool IsEmpty => Decisions.Count == 0 && DnsChanges.Count == 0;

    public static AuditOutbox Of(GrainStateWrite write) => new(write.Decisions, write.DnsChanges);

    public static AuditOutbox Parse(string json) => StoreJson.Deserialize<AuditOutbox>(json);

    public string ToJson() => StoreJson.Serialize(this);

    /// <summary>Both sets of entries, each id once (a replayed commit carries the same ids).</summary>
    public AuditOutbox Merge(AuditOutbox other) => other.IsEmpty ? this : IsEmpty ? other : new(
        Decisions.Concat(other.Decisions).DistinctBy(d => d.Id).ToList(),
        DnsChanges.Concat(other.DnsChanges).DistinctBy(c => c.Id).ToList());

    /// <summary>Only the entries recorded at or after <paramref name="since"/>.</summary>
    public AuditOutbox Since(DateTimeOffset since) =>
        new(Decisions.Where(d => d.At >= since).ToList(), DnsChanges.Where(c => c.At >= since).ToList());
}
