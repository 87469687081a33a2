namespace ControlPlane.Dns;

/// <summary>One record a provider serves.</summary>
/// <param name="Name">Fully qualified, with the trailing dot.</param>
/// <param name="Type"><c>A</c> or <c>AAAA</c>.</param>
/// <param name="Value">The address as text.</param>
/// <param name="Ttl">Seconds.</param>
/// <param name="SetIdentifier">Route 53 set identifier for weighted/multivalue/failover sets; else null.</param>
/// <param name="Weight">Route 53 weight; else null.</param>
public sealed record PublishedRecord(string Name, string Type, string Value, int Ttl, string? SetIdentifier = null, int? Weight = null);
