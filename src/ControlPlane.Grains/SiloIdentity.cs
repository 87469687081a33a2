namespace ControlPlane.Grains;

/// <summary>Who this silo is: its id and the region and datacenter it runs in.</summary>
public sealed record SiloIdentity(string Id, string Region, string Datacenter);
