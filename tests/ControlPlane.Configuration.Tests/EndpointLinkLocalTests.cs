using ControlPlane.Configuration.Cluster;

namespace ControlPlane.Configuration.Tests;

public sealed class EndpointLinkLocalTests
{
    private const string Definition = """
        regions: [eu-central]
        datacenters: [{ id: dc1 }]
        checks: [{ id: tcp, type: tcp, port: 80 }]
        services:
          - id: meta
            dns: { provider: zone, name: meta.example.test. }
            policy: failover
            check: tcp
            endpoints:
              - { id: meta-a, address: 169.254.169.254, datacenter: dc1, allowLinkLocal: ALLOW }
        dns:
          providers: [{ id: zone, type: zonefile, zone: example.test., path: z }]
        """;

    [Fact]
    public void Allowed_link_local_endpoint_carries_the_permission_to_the_probe()
    {
        var result = ClusterDefinitionParser.Parse(Definition.Replace("ALLOW", "true"), "c.yaml", [new ControlPlane.Dns.ZoneFile.ZoneFileDnsProviderFactory()]);
        Assert.True(result.IsValid, result.ToString());
        Assert.True(result.Value!.AllEndpoints.Single().AllowLinkLocal);
    }

    [Fact]
    public void Link_local_endpoint_without_permission_is_refused()
    {
        var result = ClusterDefinitionParser.Parse(Definition.Replace("ALLOW", "false"), "c.yaml", [new ControlPlane.Dns.ZoneFile.ZoneFileDnsProviderFactory()]);
        Assert.Contains(result.Errors, e => e.Path == "services[0].endpoints[0].address");
    }
}
