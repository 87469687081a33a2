using ControlPlane.Configuration.Cluster;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Configuration.Tests;

public class DisruptionBudgetConfigTests
{
    private static ConfigResult<ClusterDefinition> Parse(string maxUnavailable) =>
        ClusterDefinitionParser.Parse($$"""
            regions: [eu-central]
            datacenters: [{ id: dc1 }]
            checks: [{ id: web, type: http }]
            dns:
              providers: [{ id: zone, type: zonefile, zone: example.test., path: z.zone }]
            services:
              - id: web
                dns: { provider: zone, name: web.example.test. }
                policy: failover
                check: web
                {{maxUnavailable}}
                endpoints:
                  - { id: web-1, address: 192.0.2.1, datacenter: dc1 }
                  - { id: web-2, address: 192.0.2.2, datacenter: dc1 }
            """, "cluster.yaml", TestZoneFileProviderFactory.Registered);

    [Theory]
    [InlineData("maxUnavailable: 1", "1", 1)]
    [InlineData("maxUnavailable: 25%", "25%", 1)]
    [InlineData("maxUnavailable: \"50%\"", "50%", 1)]
    [InlineData("maxUnavailable: 0", "0", 0)]
    public void MaxUnavailable_takes_a_count_or_a_percentage(string line, string text, int allowedOfTwo)
    {
        var result = Parse(line);
        Assert.True(result.IsValid, result.ToString());
        var budget = result.Value!.Services[0].MaxUnavailable!;
        Assert.Equal((text, allowedOfTwo), (budget.ToString(), budget.MaxUnavailable(2)));
    }

    [Fact]
    public void Without_maxUnavailable_a_service_has_no_budget()
    {
        var result = Parse(string.Empty);
        Assert.True(result.IsValid, result.ToString());
        Assert.Null(result.Value!.Services[0].MaxUnavailable);
    }

    [Theory]
    [InlineData("maxUnavailable: 120%", "'120%' is more than 100%")]
    [InlineData("maxUnavailable: -1", "'-1' is neither a whole number of endpoints (2) nor a percentage (25%)")]
    [InlineData("maxUnavailable: half", "'half' is neither")]
    [InlineData("maxUnavailable: [1]", "must be a number of endpoints or a percentage")]
    public void A_bad_maxUnavailable_is_reported_at_its_exact_path(string line, string message)
    {
        var error = Assert.Single(Parse(line).Errors);
        Assert.Equal("services[0].maxUnavailable", error.Path);
        Assert.Contains(message, error.Message);
    }
}
