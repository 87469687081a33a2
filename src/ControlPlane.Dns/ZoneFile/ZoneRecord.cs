namespace ControlPlane.Dns.ZoneFile;

/// <summary>One resource record line of a zone file.</summary>
internal sealed record ZoneRecord(string Name, int Ttl, string Type, string Value);
