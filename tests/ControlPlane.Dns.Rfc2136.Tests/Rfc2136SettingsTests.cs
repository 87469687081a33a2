using ControlPlane.Core.Definitions;

namespace ControlPlane.Dns.Rfc2136.Tests;

public class Rfc2136SettingsTests
{
    private const string Secret = "c2VjcmV0LWtleS1mb3ItdGVzdHMtMTIzNDU2Nzg5MDEyMzQ1Ng==";

    private static readonly Rfc2136DnsProviderFactory Factory = new();

    private static Dictionary<string, string> Valid() => new()
    {
        ["server"] = "127.0.0.21:5300",
        ["zone"] = "example.com.",
        ["tsigKeyName"] = "controlplane",
        ["tsigSecret"] = Secret,
    };

    private static List<(string Key, string Message)> Validate(Dictionary<string, string> settings) => Factory.Validate(settings).ToList();

    [Fact]
    public void The_type_is_rfc2136() => Assert.Equal("rfc2136", Factory.Type);

    [Fact]
    public void Minimal_settings_are_valid_and_take_the_defaults()
    {
        Assert.Empty(Validate(Valid()));
        var parsed = Rfc2136Settings.Parse(Valid(), []);
        Assert.Equal(TimeSpan.FromSeconds(2), parsed!.Timeout);
        Assert.Equal("hmac-sha256.", parsed.Key.Algorithm.Name);
        Assert.Equal("controlplane.", parsed.Key.Name);
    }

    [Theory]
    [InlineData("192.0.2.53", "192.0.2.53:53")]
    [InlineData("192.0.2.53:5300", "192.0.2.53:5300")]
    [InlineData("2001:db8::53", "[2001:db8::53]:53")]
    [InlineData("[2001:db8::53]:5300", "[2001:db8::53]:5300")]
    public void Server_is_an_ip_with_port_53_unless_given(string server, string expected)
    {
        var settings = Valid();
        settings["server"] = server;

        Assert.Equal(expected, Rfc2136Settings.Parse(settings, [])!.Server.ToString());
    }

    [Theory]
    [InlineData("server", "ns1.example.com", "server")]
    [InlineData("server", "10", "server")]
    [InlineData("server", "192.0.2.1:0", "server")]
    [InlineData("server", "192.0.2.1:70000", "server")]
    [InlineData("zone", "example.com", "zone")]
    [InlineData("zone", "a..b.", "zone")]
    [InlineData("tsigAlgorithm", "hmac-md5", "tsigAlgorithm")]
    [InlineData("tsigSecret", "not base64!", "tsigSecret")]
    [InlineData("timeout", "soon", "timeout")]
    [InlineData("timeout", "0s", "timeout")]
    [InlineData("timeout", "5m", "timeout")]
    [InlineData("colour", "blue", "colour")]
    public void A_bad_setting_is_named(string key, string value, string expectedKey)
    {
        var settings = Valid();
        settings[key] = value;

        var problem = Assert.Single(Validate(settings));
        Assert.Equal(expectedKey, problem.Key);
    }

    [Fact]
    public void Every_missing_required_setting_is_reported_at_once()
    {
        var problems = Validate([]);

        Assert.Equal(["server", "zone", "tsigKeyName", "tsigSecret"], problems.Select(p => p.Key));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("3", 3000)]
    public void Timeout_takes_seconds_or_milliseconds(string text, int expectedMs)
    {
        var settings = Valid();
        settings["timeout"] = text;

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Rfc2136Settings.Parse(settings, [])!.Timeout);
    }

    [Fact]
    public void Hmac_sha512_is_accepted_in_any_spelling()
    {
        var settings = Valid();
        settings["tsigAlgorithm"] = "HMAC-SHA512.";

        Assert.Equal("hmac-sha512.", Rfc2136Settings.Parse(settings, [])!.Key.Algorithm.Name);
    }

    [Fact]
    public void The_secret_can_come_from_a_plain_file_or_a_bind_key_file()
    {
        using var dir = new TempDirectory();
        var plain = Path.Combine(dir.Path, "secret");
        File.WriteAllText(plain, Secret + "\n");
        var bindKey = Path.Combine(dir.Path, "key.conf");
        File.WriteAllText(bindKey, $"key \"controlplane\" {{\n\talgorithm hmac-sha256;\n\tsecret \"{Secret}\";\n}};\n");

        foreach (var file in new[] { plain, bindKey })
        {
            var settings = Valid();
            settings.Remove("tsigSecret");
            settings["tsigSecretFile"] = file;
            Assert.Empty(Validate(settings));
        }
    }

    [Fact]
    public void A_missing_secret_file_and_a_doubly_given_secret_are_problems_that_never_show_the_secret()
    {
        var missing = Valid();
        missing.Remove("tsigSecret");
        missing["tsigSecretFile"] = "/nonexistent/secret";
        var both = Valid();
        both["tsigSecretFile"] = "/nonexistent/secret";
        var bad = Valid();
        bad["tsigSecret"] = "%%" + Secret;

        var problems = Validate(missing).Concat(Validate(both)).Concat(Validate(bad)).ToList();

        Assert.Equal(["tsigSecretFile", "tsigSecret", "tsigSecret"], problems.Select(p => p.Key));
        Assert.DoesNotContain(problems, p => p.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_builds_a_provider_with_the_definitions_id()
    {
        var provider = Factory.Create(new DnsProviderDefinition("bind-primary", "rfc2136", Valid()));

        Assert.Equal("bind-primary", provider.Id);
    }

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cp-rfc2136-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
