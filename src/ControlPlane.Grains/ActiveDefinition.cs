using ControlPlane.Core.Definitions;

namespace ControlPlane.Grains;

/// <summary>The cluster definition this silo acts on, with its stored version.</summary>
public sealed record ActiveDefinition(long Version, ClusterDefinition Cluster);
