namespace ControlPlane.Grains;

/// <summary>The grain kinds, as they appear in grain ids, shard names and the store.</summary>
public static class GrainKinds
{
    public const string Probe = "probe";
    public const string Endpoint = "endpoint";
    public const string Service = "service";
    public const string Datacenter = "datacenter";
    public const string Maintenance = "maintenance";
}
