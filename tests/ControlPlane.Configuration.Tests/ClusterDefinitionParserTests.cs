using System.Net;
using ControlPlane.Configuration.Cluster;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;

namespace ControlPlane.Configuration.Tests;

public class ClusterDefinitionParserTests
{
    private static ConfigResult<ClusterDefinition> Parse(string yaml) =>
        ClusterDefinitionParser.Parse(yaml, "cluster.yaml", TestZoneFileProviderFactory.Registered);

    [Fact]
    public void Full_example_parses_into_the_expected_model()
    {
        var result = Parse(Examples.Cluster);

        Assert.True(result.IsValid, result.ToString());
        var cluster = result.Value!;
        Assert.Equal(["eu-central", "us-east", "ap-south"], cluster.Regions.Select(r => r.Id));
        Assert.Equal(
            [new DatacenterDefinition("dc1", "Frankfurt"), new DatacenterDefinition("dc2", "Virginia"), new DatacenterDefinition("dc3")],
            cluster.Datacenters);

        var web = cluster.FindCheck("web")!;
        Assert.Equal(CheckKind.Http, web.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), web.Interval);
        Assert.Equal(0.2, web.Jitter);
        Assert.Equal(TimeSpan.FromMilliseconds(500), web.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), web.Timeout);
        Assert.Equal(8080, web.Port);
        var http = web.Http!;
        Assert.False(http.Tls);
        Assert.Equal("GET", http.Method);
        Assert.Equal("/health", http.Path);
        Assert.Equal("controlplane", http.Headers["x-probe"]);
        Assert.Equal([new StatusRange(200, 200), new StatusRange(200, 299), new StatusRange(300, 399)], http.ExpectedStatus);
        Assert.Equal("ok", http.BodyContains);
        Assert.Equal("^ok", http.BodyRegex);
        Assert.Equal(TimeSpan.FromMilliseconds(500), http.MaxLatency);
        Assert.False(http.FreshConnection);
        Assert.True(http.ValidateCertificate);

        var tls = cluster.FindCheck("api-tls")!;
        Assert.Equal(CheckKind.Http, tls.Kind);
        Assert.True(tls.Http!.Tls);
        Assert.Equal("HEAD", tls.Http.Method);
        Assert.Equal(7, tls.Http.CertificateMinDaysValid);
        Assert.Equal(TimeSpan.FromSeconds(90), tls.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), tls.ConnectTimeout);

        var db = cluster.FindCheck("db")!;
        Assert.Equal(CheckKind.Tcp, db.Kind);
        Assert.Null(db.Http);
        Assert.Equal(5432, db.Port);

        Assert.Equal("local-zone", cluster.DnsProviders[0].Id);
        Assert.Equal("zonefile", cluster.DnsProviders[0].Type);
        Assert.Equal("example.test.", cluster.DnsProviders[0].Get("zone"));
        Assert.Equal("var/zones/example.test.zone", cluster.DnsProviders[0].Get("path"));
        Assert.Equal(2, cluster.DnsProviders[0].Settings.Count);

        var service = cluster.FindService("web")!;
        Assert.Equal(new ServiceDnsDefinition("local-zone", "web.example.test.", 30), service.Dns);
        Assert.Equal(RoutingPolicy.Failover, service.Policy);
        Assert.Equal("web", service.CheckId);
        Assert.Equal(3, service.Health.Fall);
        Assert.Equal(4, service.Health.Rise);
        Assert.Equal(5, service.Health.StaleAfterIntervals);
        Assert.Equal(new QuorumPolicy { Mode = QuorumMode.NOfM, Count = 2 }, service.Health.Quorum);
        Assert.Equal(
            new FlapDampingPolicy { Enabled = true, MaxTransitions = 6, Window = TimeSpan.FromMinutes(10), HoldFor = TimeSpan.FromMinutes(3) },
            service.Health.FlapDamping);
        Assert.Equal(
            [
                new EndpointDefinition("web-dc1", IPAddress.Parse("127.0.0.2"), 8081, "dc1", 1, 100),
                new EndpointDefinition("web-dc2", IPAddress.Parse("127.0.0.3"), 8081, "dc2", 2, 50, "api-tls", "web.example.test"),
                new EndpointDefinition("web-v6", IPAddress.Parse("fe80::1"), null, "dc3", AllowLinkLocal: true),
            ],
            service.Endpoints);
        Assert.Equal(8080, cluster.CheckFor(service, service.Endpoints[0]).PortFor(service.Endpoints[2]));

        var api = cluster.FindService("api")!;
        Assert.Equal(RoutingPolicy.Weighted, api.Policy);
        Assert.Equal(new QuorumPolicy { Mode = QuorumMode.HealthyPercentage, HealthyPercentage = 60, MinReporting = 3 }, api.Health.Quorum);
        Assert.Equal(IPAddress.Parse("2001:db8::10"), api.Endpoints[0].Address);

        var dbService = cluster.FindService("db")!;
        Assert.Equal(RoutingPolicy.Multivalue, dbService.Policy);
        Assert.Equal(0, dbService.Dns.Ttl);
    }

    [Fact]
    public void Absent_optional_fields_take_the_defaults_documented_on_the_core_definitions()
    {
        var result = Parse("""
            regions: [eu-central]
            datacenters: [{ id: dc1 }]
            checks:
              - id: web
                type: http
            dns:
              providers: [{ id: zone, type: zonefile, zone: example.test., path: z.zone }]
            services:
              - id: web
                dns: { provider: zone, name: web.example.test. }
                policy: failover
                check: web
                endpoints:
                  - { id: web-dc1, address: 192.0.2.1, datacenter: dc1 }
            """);

        Assert.True(result.IsValid, result.ToString());
        var cluster = result.Value!;
        var check = cluster.Checks[0];
        var coreDefaults = new CheckDefinition { Id = "web", Kind = CheckKind.Http };
        Assert.Equal(coreDefaults.Interval, check.Interval);
        Assert.Equal(coreDefaults.Jitter, check.Jitter);
        Assert.Equal(coreDefaults.ConnectTimeout, check.ConnectTimeout);
        Assert.Equal(coreDefaults.Timeout, check.Timeout);
        Assert.Null(check.Port);
        var http = check.Http!;
        var httpDefaults = new HttpCheckDefinition();
        Assert.False(http.Tls);
        Assert.Equal(httpDefaults.Method, http.Method);
        Assert.Equal(httpDefaults.Path, http.Path);
        Assert.Empty(http.Headers);
        Assert.Equal(httpDefaults.ExpectedStatus, http.ExpectedStatus);
        Assert.Null(http.BodyContains);
        Assert.Null(http.BodyRegex);
        Assert.Null(http.MaxLatency);
        Assert.True(http.ValidateCertificate);
        Assert.Equal(0, http.CertificateMinDaysValid);
        Assert.True(http.FreshConnection);

        var service = cluster.Services[0];
        Assert.Equal(30, service.Dns.Ttl);
        Assert.Equal(HealthPolicy.Default, service.Health);
        Assert.Equal(new EndpointDefinition("web-dc1", IPAddress.Parse("192.0.2.1"), null, "dc1", 1, 100), service.Endpoints[0]);
        Assert.Equal(80, check.PortFor(service.Endpoints[0]));
    }

    [Fact]
    public void Sections_other_than_regions_and_datacenters_may_be_left_out()
    {
        var result = Parse("regions: [eu-central]\ndatacenters:\n  - id: dc1\n");

        Assert.True(result.IsValid, result.ToString());
        Assert.Empty(result.Value!.Checks);
        Assert.Empty(result.Value.DnsProviders);
        Assert.Empty(result.Value.Services);
    }

    [Fact]
    public void Connect_timeout_defaults_to_the_timeout_when_the_timeout_is_shorter_than_two_seconds()
    {
        var result = Parse("""
            regions: [eu-central]
            datacenters: [{ id: dc1 }]
            checks: [{ id: fast, type: tcp, port: 22, timeout: 300ms }]
            """);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TimeSpan.FromMilliseconds(300), result.Value!.Checks[0].ConnectTimeout);
    }

    [Fact]
    public void Source_text_and_its_sha256_are_kept_with_the_result()
    {
        var text = Examples.Cluster;

        var result = Parse(text);

        Assert.Equal(text, result.Document!.Text);
        Assert.Equal("cluster.yaml", result.Document.SourceName);
        Assert.Equal(ConfigContentHash.Compute(text), result.Document.ContentHash);
        Assert.Equal(64, result.Document.ContentHash.Length);
        Assert.NotEqual(result.Document.ContentHash, Parse(text + "\n").Document!.ContentHash);
    }

    [Fact]
    public void Load_file_reads_a_file_and_names_it_in_errors()
    {
        var valid = ClusterDefinitionParser.LoadFile(Examples.ClusterPath, TestZoneFileProviderFactory.Registered);
        Assert.True(valid.IsValid, valid.ToString());
        Assert.Equal(Examples.Cluster, valid.Document!.Text);

        var path = Path.Combine(Path.GetTempPath(), $"cluster-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "regions: [eu-central]\ndatacenters: [{ id: dc1, bogus: 1 }]\n");
        try
        {
            var invalid = ClusterDefinitionParser.LoadFile(path, TestZoneFileProviderFactory.Registered);
            var error = Assert.Single(invalid.Errors);
            Assert.Equal($"{path}:2:26: datacenters[0].bogus: unknown field 'bogus' (allowed here: id, description)", error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "cluster.yaml");

        var result = ClusterDefinitionParser.LoadFile(path, TestZoneFileProviderFactory.Registered);

        Assert.False(result.IsValid);
        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Contains("does not exist", error.Message);
        Assert.Equal(path, error.Source);
    }

    [Fact]
    public void A_directory_given_as_the_file_is_an_error_not_an_exception()
    {
        var result = ClusterDefinitionParser.LoadFile(Path.GetTempPath(), TestZoneFileProviderFactory.Registered);

        Assert.Contains("is a directory", Assert.Single(result.Errors).Message);
    }
}
