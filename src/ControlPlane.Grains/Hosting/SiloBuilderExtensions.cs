using ControlPlane.Grains.Persistence;
using ControlPlane.Grains.Placement;
using ControlPlane.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace ControlPlane.Grains.Hosting;

/// <summary>Adds what the control-plane grains need to an Orleans silo: their placement, their storage and the serializer of Core types.</summary>
public static class SiloBuilderExtensions
{
    public static ISiloBuilder AddControlPlaneGrains(this ISiloBuilder silo)
    {
        silo.AddPlacementDirector<ControlPlanePlacement, ControlPlanePlacementDirector>();
        silo.Services.AddSingleton<SiloRegions>();
        silo.Services.AddSingleton<LocalGrains>();
        silo.Services.AddSingleton<GrainKeeper>();
        silo.Services.AddSingleton<Probe.ObservationWriter>();
        silo.Services.AddSingleton<Webhooks.WebhookSubscriptions>();
        silo.Services.AddSingleton<Webhooks.WebhookSender>();
        silo.Services.AddSingleton<Webhooks.WebhookBacklog>();
        silo.Services.AddSingleton<Webhooks.WebhookDelivering>();
        silo.Services.AddSingleton<Webhooks.WebhookRegistryRefresher>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookRegistryRefresher>());
        silo.Services.AddGrainStorage(ControlPlaneGrainStorage.Name, (sp, _) => new ControlPlaneGrainStorage(sp.GetRequiredService<IGrainStateStore>()));

        silo.Services.AddSerializer(s => s.AddControlPlaneSerialization());
        return silo;
    }

    /// <summary>
    /// Core types (observations, reports, decisions) travel as the store's JSON, so ControlPlane.Core stays free of
    /// Orleans and both agree byte for byte; the grain layer's own messages use the Orleans code generator. Every
    /// silo and client of the cluster needs this.
    /// </summary>
    public static ISerializerBuilder AddControlPlaneSerialization(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(
            isSupported: t => t.Namespace?.StartsWith("ControlPlane.Core", StringComparison.Ordinal) == true,
            jsonSerializerOptions: StoreJson.Options);
}
