using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Testing.Route53;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class SettingsTests
{
    private readonly Route53DnsProviderFactory _factory = new();

    [Fact]
    public void The_type_is_route53() => Assert.Equal("route53", _factory.Type);

    [Fact]
    public void A_hosted_zone_id_alone_is_valid_and_everything_else_has_a_default()
    {
        var settings = Settings(("hostedZoneId", "/hostedzone/Z1D633PJN98FT9"));

        Assert.Empty(_factory.Validate(settings));
        var options = Route53Settings.Read(settings);
        Assert.Equal("Z1D633PJN98FT9", options.HostedZoneId);
        Assert.Equal(new Uri("https://route53.amazonaws.com"), options.EndpointUrl);
        Assert.Equal(5, options.RequestsPerSecond);
        Assert.Null(options.Profile);
        Assert.False(options.FailoverRecords);
        Assert.Equal(TimeSpan.FromSeconds(2), options.InSyncPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(120), options.InSyncTimeout);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var options = Route53Settings.Read(Settings(
            ("hostedZoneId", "Z1"), ("endpointUrl", "http://127.0.0.1:8053"), ("requestsPerSecond", "2.5"), ("profile", "dns-admin"),
            ("failoverRecords", "True"), ("inSyncPollInterval", "500ms"), ("inSyncTimeout", "0")));

        Assert.Equal(new Uri("http://127.0.0.1:8053"), options.EndpointUrl);
        Assert.Equal(2.5, options.RequestsPerSecond);
        Assert.Equal("dns-admin", options.Profile);
        Assert.True(options.FailoverRecords);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.InSyncPollInterval);
        Assert.Equal(TimeSpan.Zero, options.InSyncTimeout);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_naming_its_key()
    {
        var problems = _factory.Validate(Settings(
            ("endpointUrl", "route53.amazonaws.com"), ("requestsPerSecond", "0"), ("profile", "two words"), ("failoverRecords", "yes"),
            ("inSyncPollInterval", "0s"), ("inSyncTimeout", "soon"), ("region", "eu-west-1"), ("HostedZoneID", "Z1"))).ToList();

        Assert.Equal(
            ["HostedZoneID", "endpointUrl", "failoverRecords", "hostedZoneId", "inSyncPollInterval", "inSyncTimeout", "profile", "region", "requestsPerSecond"],
            problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p is { Key: "HostedZoneID", Message: "unknown setting; did you mean 'hostedZoneId'?" });
        Assert.Contains(problems, p => p.Key == "region" && p.Message.StartsWith("unknown setting; known settings are hostedZoneId, endpointUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Key == "hostedZoneId" && p.Message.StartsWith("required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hostedZoneId", "Z1/../x")]
    [InlineData("endpointUrl", "ftp://route53.amazonaws.com")]
    [InlineData("endpointUrl", "https://route53.amazonaws.com/?x=1")]
    [InlineData("requestsPerSecond", "-1")]
    [InlineData("requestsPerSecond", "5000")]
    [InlineData("inSyncPollInterval", "2 days")]
    [InlineData("inSyncTimeout", "-5s")]
    public void A_bad_value_is_named_by_its_key(string key, string value)
    {
        var settings = new Dictionary<string, string> { ["hostedZoneId"] = "Z1", [key] = value };

        var problem = Assert.Single(_factory.Validate(settings));

        Assert.Equal(key, problem.Key);
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_never_throws_even_on_null_values()
    {
        var settings = new Dictionary<string, string> { ["hostedZoneId"] = null!, ["endpointUrl"] = null!, ["requestsPerSecond"] = "" };

        var problems = _factory.Validate(settings).ToList();

        Assert.Contains(problems, p => p.Key == "hostedZoneId");
        Assert.Contains(problems, p => p.Key == "requestsPerSecond");
    }

    [Fact]
    public void Create_with_invalid_settings_refuses_with_every_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => _factory.Create(new DnsProviderDefinition("r53", "route53", Settings(("requestsPerSecond", "x")))));

        Assert.Contains("hostedZoneId: required", e.Message, StringComparison.Ordinal);
        Assert.Contains("requestsPerSecond:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_from_settings_takes_its_credentials_from_the_named_shared_profile()
    {
        await using var kit = await StartAsync();
        var credentialsFile = Path.Combine(Path.GetTempPath(), $"route53-test-{Guid.NewGuid():N}.ini");
        await File.WriteAllTextAsync(credentialsFile,
            $"[other]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n\n" +
            $"[dns-admin]\naws_access_key_id = {FakeRoute53Server.AccessKeyId}\naws_secret_access_key = {FakeRoute53Server.SecretAccessKey}\n");
        try
        {
            using var factory = new Route53DnsProviderFactory(null, null, credentialsFile);
            var provider = factory.Create(new DnsProviderDefinition("r53", "route53", Settings(
                ("hostedZoneId", "/hostedzone/" + ZoneId), ("endpointUrl", kit.Server.Endpoint.ToString()), ("profile", "dns-admin"),
                ("inSyncPollInterval", "20ms"), ("requestsPerSecond", "100"))));

            var result = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1", "192.0.2.1", 1)), default);

            Assert.True(result.Changed);
            Assert.NotNull(result.InSyncAt);
            Assert.Equal("r53", provider.Id);

            var missing = factory.Create(new DnsProviderDefinition("r53", "route53", Settings(
                ("hostedZoneId", ZoneId), ("endpointUrl", kit.Server.Endpoint.ToString()), ("profile", "nobody"))));
            var e = await Assert.ThrowsAsync<DnsProviderException>(() => missing.ReadAsync(Name, default));
            Assert.False(e.Transient);
            Assert.Contains("profile 'nobody' was not found", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(credentialsFile);
        }
    }

    [Fact]
    public async Task Without_a_profile_credentials_come_from_the_default_chain_environment_variables_included()
    {
        await using var kit = await StartAsync();
        string[] names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        var nowhere = Path.Combine(Path.GetTempPath(), $"route53-test-{Guid.NewGuid():N}-absent");
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", FakeRoute53Server.AccessKeyId);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", FakeRoute53Server.SecretAccessKey);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", nowhere);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", nowhere);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

            var provider = _factory.Create(new DnsProviderDefinition("r53", "route53", Settings(
                ("hostedZoneId", ZoneId), ("endpointUrl", kit.Server.Endpoint.ToString()), ("inSyncTimeout", "0"))));
            var result = await provider.ApplyAsync(Desired(RoutingPolicy.Multivalue, ("ep1", "192.0.2.1", 1)), default);

            Assert.True(result.Changed);
            Assert.Null(result.InSyncAt);
            Assert.DoesNotContain(kit.Server.Requests, r => r.Operation == "GetChange");
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
