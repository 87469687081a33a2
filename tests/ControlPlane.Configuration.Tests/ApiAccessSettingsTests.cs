using ControlPlane.Configuration.Silo;

namespace ControlPlane.Configuration.Tests;

/// <summary>The access fields of <c>api</c> in silo settings: defaults, values, and errors naming the field.</summary>
public sealed class ApiAccessSettingsTests
{
    private const string Head = "silo: { id: s1, region: eu-central, datacenter: dc1 }\nstore: { kind: sqlite, sqlite: { path: s.db } }\n";

    [Fact]
    public void Defaults_are_open_metrics_and_status_page_the_default_key_variable_and_sane_limits()
    {
        var api = SiloSettingsParser.Parse(Head + "api: { listen: http://127.0.0.1:8480 }\n", "silo.yaml", "/etc/cp").Value!.Api;
        Assert.Equal((true, true, "CONTROLPLANE_BOOTSTRAP_KEY", null), (api.OpenMetrics, api.OpenStatusPage, api.BootstrapKeyEnv, api.BootstrapKeyFile));
        Assert.Equal((50, 200, 1L << 20, 16L << 20), (api.RateLimitPerSecond, api.RateLimitBurst, api.MaxRequestBytes, api.MaxDefinitionBytes));
    }

    [Fact]
    public void Every_access_field_is_read_and_the_key_file_resolved_against_the_settings_folder()
    {
        var api = SiloSettingsParser.Parse(Head + """
            api:
              listen: http://127.0.0.1:8480
              bootstrapKeyFile: keys/admin.key
              bootstrapKeyEnv: MY_KEY
              openMetrics: false
              openStatusPage: false
              rateLimit: { perSecond: 5, burst: 9 }
              maxRequestBytes: 2048
              maxDefinitionBytes: 4096
            """, "silo.yaml", "/etc/cp").Value!.Api;
        Assert.Equal(("/etc/cp/keys/admin.key", "MY_KEY", false, false), (api.BootstrapKeyFile, api.BootstrapKeyEnv, api.OpenMetrics, api.OpenStatusPage));
        Assert.Equal((5, 9, 2048L, 4096L), (api.RateLimitPerSecond, api.RateLimitBurst, api.MaxRequestBytes, api.MaxDefinitionBytes));
    }

    [Theory]
    [InlineData("bootstrapKeyEnv: 9LIVES", "api.bootstrapKeyEnv")]
    [InlineData("rateLimit: { perSecond: 0 }", "api.rateLimit.perSecond")]
    [InlineData("rateLimit: { burst: 5, colour: red }", "api.rateLimit.colour")]
    [InlineData("maxRequestBytes: 10", "api.maxRequestBytes")]
    [InlineData("openMetrics: perhaps", "api.openMetrics")]
    public void A_bad_access_field_is_an_error_naming_it(string line, string path)
    {
        var result = SiloSettingsParser.Parse(Head + $"api:\n  listen: http://127.0.0.1:8480\n  {line}\n", "silo.yaml", "/etc/cp");
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.ToString().Contains(path + ":", StringComparison.Ordinal));
    }
}
