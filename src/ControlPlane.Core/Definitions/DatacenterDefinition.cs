namespace ControlPlane.Core.Definitions;

/// <summary>Where endpoints (and silos) run, for example <c>dc03</c>.</summary>
public sealed record DatacenterDefinition(string Id, string? Description = null);
