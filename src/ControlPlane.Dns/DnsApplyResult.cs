namespace ControlPlane.Dns;

/// <summary>What an apply did.</summary>
/// <param name="Changed">False when the provider already served the desired set.</param>
/// <param name="Summary">Human-readable: what was added and removed.</param>
/// <param name="ProviderChangeId">The provider's id for the change (Route 53 change id, zone serial).</param>
/// <param name="InSyncAt">When the provider reported the change live (Route 53 INSYNC); null if not known.</param>
public sealed record DnsApplyResult(bool Changed, string Summary, string? ProviderChangeId = null, DateTimeOffset? InSyncAt = null);
