using ControlPlane.Core.Model;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Reads the audit log from its query tables (written by the grain state store after each fenced commit).</summary>
internal sealed class CassandraAuditStore(AuditIndex index) : IAuditStore
{
    public Task<IReadOnlyList<Decision>> QueryDecisionsAsync(AuditQuery query, CancellationToken cancellationToken) =>
        index.QueryDecisionsAsync(query, cancellationToken);

    public Task<IReadOnlyList<DnsChange>> QueryDnsChangesAsync(AuditQuery query, CancellationToken cancellationToken) =>
        index.QueryDnsChangesAsync(query, cancellationToken);
}
