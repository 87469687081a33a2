namespace ControlPlane.Core.Definitions;

/// <summary>A probing vantage point, for example <c>eu-central</c>. Quorum counts regions.</summary>
public sealed record RegionDefinition(string Id);
