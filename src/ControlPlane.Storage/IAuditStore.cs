using ControlPlane.Core.Model;

namespace ControlPlane.Storage;

/// <summary>Reads the audit log: decisions and DNS changes with their evidence. Writes go through <see cref="IGrainStateStore.WriteAsync"/>.</summary>
public interface IAuditStore
{
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Decision>> QueryDecisionsAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<DnsChange>> QueryDnsChangesAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>Filters for the audit log; null means no filter. Limit defaults to 100.</summary>
public sealed record AuditQuery(
    string? ServiceId = null,
    string? EndpointId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100);
