namespace ControlPlane.Configuration.Silo;

/// <summary>A silo's id and its place: the region it probes from and the datacenter it runs in.</summary>
/// <param name="Id">Unique among the cluster's silos.</param>
/// <param name="Region">A region id of the cluster definition.</param>
/// <param name="Datacenter">A datacenter id of the cluster definition.</param>
public sealed record SiloIdentity(string Id, string Region, string Datacenter);
