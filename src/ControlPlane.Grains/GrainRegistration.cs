using ControlPlane.Grains.Datacenter;
using ControlPlane.Grains.Endpoint;
using ControlPlane.Grains.Probe;
using ControlPlane.Grains.Service;
using ControlPlane.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Grains;

/// <summary>Registers the four grain kinds with a runtime; each activation gets its dependencies from the silo's services.</summary>
public static class GrainRegistration
{
    public static void RegisterControlPlaneGrains(this GrainRuntime runtime, IServiceProvider services)
    {
        runtime.Register<IProbeGrain>(GrainKinds.Probe, _ => ActivatorUtilities.CreateInstance<ProbeGrain>(services));
        runtime.Register<IEndpointGrain>(GrainKinds.Endpoint, _ => ActivatorUtilities.CreateInstance<EndpointGrain>(services));
        runtime.Register<IServiceGrain>(GrainKinds.Service, _ => ActivatorUtilities.CreateInstance<ServiceGrain>(services));
        runtime.Register<IDatacenterGrain>(GrainKinds.Datacenter, _ => new DatacenterGrain());
    }
}
