namespace ControlPlane.Core.Definitions;

/// <summary>
/// A configured DNS provider: its id, its type (<c>zonefile</c>, <c>route53</c>, <c>rfc2136</c>)
/// and the type-specific settings, already validated by the provider's own settings schema.
/// </summary>
public sealed record DnsProviderDefinition(string Id, string Type, IReadOnlyDictionary<string, string> Settings)
{
    public string? Get(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
