using ControlPlane.Core.Failover;

namespace ControlPlane.Dns;

/// <summary>
/// Publishes a service's record set to one DNS system (a zone file, Route 53, an RFC 2136 server).
/// One instance per configured provider, shared by every service that names it; calls for
/// different names may run concurrently, calls for one name come from that service's grain only.
/// </summary>
public interface IDnsProvider
{
    /// <summary>The provider id from the cluster definition.</summary>
    string Id { get; }

    /// <summary>
    /// Makes the provider serve exactly <paramref name="desired"/> at <c>desired.Name</c>
    /// (its A and AAAA records; other names untouched). Idempotent: applying the same set twice
    /// changes nothing the second time and says so in <see cref="DnsApplyResult.Changed"/>.
    /// Throws <see cref="DnsProviderException"/> when the provider refused or could not be reached;
    /// the caller keeps the change and retries.
    /// </summary>
    Task<DnsApplyResult> ApplyAsync(DesiredRecordSet desired, CancellationToken cancellationToken);

    /// <summary>
    /// Reads what the provider serves now at <paramref name="name"/>, to find drift made behind
    /// the control plane's back.
    /// </summary>
    Task<IReadOnlyList<PublishedRecord>> ReadAsync(string name, CancellationToken cancellationToken);
}
