using System.Net;

namespace ControlPlane.Configuration.Silo;

/// <summary>How the silo joins its cluster, and where it gets the cluster definition at start-up.</summary>
/// <param name="DefinitionFile">
/// Absolute path of a cluster definition applied at start-up when it differs from the stored
/// version. Default none: the silo uses the definition already in the store.
/// </param>
/// <param name="Id">The cluster's id (Orleans ClusterId): silos with the same id and store form one cluster. Default <c>controlplane</c>.</param>
/// <param name="SiloAddress">The address other silos reach this one on (silo-to-silo traffic). Default <c>127.0.0.1</c>.</param>
/// <param name="SiloPort">The silo-to-silo port; every silo on one address needs its own. Default 11111.</param>
public sealed record ClusterSettings(string? DefinitionFile = null, string Id = "controlplane", IPAddress? SiloAddress = null, int SiloPort = 11111)
{
    public IPAddress SiloAddressOrDefault => SiloAddress ?? IPAddress.Loopback;
}
