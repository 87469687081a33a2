using ControlPlane.Configuration.Silo;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace ControlPlane.Silo;

/// <summary>Configures the Orleans silo inside the control-plane process: identity, endpoints, membership, placement, storage, serialization.</summary>
internal static class OrleansSetup
{
    /// <summary>The Orleans ServiceId: one per product, so a store can never mix our rows with another application's.</summary>
    public const string ServiceId = "controlplane";

    public static void Configure(ISiloBuilder silo, SiloSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.Cluster.Id;
            o.ServiceId = ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = settings.Silo.Id);

        // Silo-to-silo only: nothing outside the cluster talks Orleans to us (the API is HTTP), so no gateway.
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = settings.Cluster.SiloAddressOrDefault;
            o.SiloPort = settings.Cluster.SiloPort;
            o.GatewayPort = 0;
            o.SiloListeningEndpoint = new System.Net.IPEndPoint(settings.Cluster.SiloAddressOrDefault, settings.Cluster.SiloPort);
        });
        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [SiloRegions.RegionKey] = settings.Silo.Region,
            [SiloRegions.DatacenterKey] = settings.Silo.Datacenter,
            [SiloRegions.SiloIdKey] = settings.Silo.Id,
        });
        silo.Configure<ClusterMembershipOptions>(MembershipTuning.Apply);
        MembershipTables.Add(silo.Services, settings);

        silo.AddControlPlaneGrains();
    }
}
