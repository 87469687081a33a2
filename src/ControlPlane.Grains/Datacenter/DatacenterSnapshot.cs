namespace ControlPlane.Grains.Datacenter;

/// <summary>How many of a datacenter's endpoints are healthy, unhealthy, unknown and drained, and its current or last evacuation.</summary>
[GenerateSerializer, Alias("controlplane.datacenter-snapshot")]
public sealed record DatacenterSnapshot(string DatacenterId, int Endpoints, int Healthy, int Unhealthy, int Unknown, int Drained, Evacuation? Evacuation = null);
