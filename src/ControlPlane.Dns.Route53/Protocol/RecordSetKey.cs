namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>What identifies a record set in a zone.</summary>
/// <param name="Name">Canonical name (see <see cref="Route53Name.Canonical"/>).</param>
internal readonly record struct RecordSetKey(string Name, string Type, string? SetIdentifier);
