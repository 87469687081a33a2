namespace ControlPlane.Core.Drains;

/// <summary>What the service's DNS serves, as far as one endpoint is concerned.</summary>
/// <param name="Served">The endpoint's address is in the published record set (or in a change still being applied).</param>
/// <param name="PublishedAt">When the published record set was applied (Route 53: seen INSYNC); null before any.</param>
/// <param name="Confirmed">The provider confirmed the published set is live (false for a Route 53 change whose INSYNC wait timed out).</param>
public readonly record struct DnsServing(bool Served, DateTimeOffset? PublishedAt, bool Confirmed = true);
