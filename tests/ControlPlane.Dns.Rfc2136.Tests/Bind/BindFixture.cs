using ControlPlane.Core.Definitions;
using ControlPlane.Testing.Bind;

namespace ControlPlane.Dns.Rfc2136.Tests.Bind;

/// <summary>
/// The BIND 9 these tests share: zone <see cref="Zone"/> on 127.0.0.21:5300 (or
/// <c>CONTROLPLANE_TEST_BIND_ADDRESS</c> / <c>CONTROLPLANE_TEST_BIND_PORT</c>), updatable with
/// <see cref="KeyName"/> (hmac-sha256) or <see cref="Sha512KeyName"/> (hmac-sha512); it also knows
/// <see cref="ReadOnlyKeyName"/>, a key that may not update.
/// </summary>
public sealed class BindFixture : IAsyncLifetime
{
    public const string Zone = "cp.test.";
    public const string KeyName = "controlplane-key.";
    public const string ReadOnlyKeyName = "readonly-key.";
    public const string Sha512KeyName = "sha512-key.";

    private readonly TsigKey _key = TsigKey.Generate(KeyName);
    private readonly TsigKey _readOnlyKey = TsigKey.Generate(ReadOnlyKeyName, mayUpdate: false);
    private readonly TsigKey _sha512Key = TsigKey.Generate(Sha512KeyName, "hmac-sha512");

    public BindFixture()
    {
        var address = Environment.GetEnvironmentVariable("CONTROLPLANE_TEST_BIND_ADDRESS") ?? "127.0.0.21";
        var port = int.Parse(Environment.GetEnvironmentVariable("CONTROLPLANE_TEST_BIND_PORT") ?? "5300", System.Globalization.CultureInfo.InvariantCulture);
        Server = new BindServer(address, port, Zone, _key, [_readOnlyKey, _sha512Key]);
    }

    public BindServer Server { get; }

    public string Secret => _key.Secret;

    public string ReadOnlySecret => _readOnlyKey.Secret;

    public string Sha512Secret => _sha512Key.Secret;

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();

    /// <summary>Settings for a provider that updates this server, optionally overridden.</summary>
    public Dictionary<string, string> Settings(string? keyName = null, string? secret = null, string? algorithm = null)
    {
        var settings = Server.ProviderSettings();
        settings["tsigKeyName"] = keyName ?? KeyName;
        settings["tsigAlgorithm"] = algorithm ?? "hmac-sha256";
        settings["tsigSecret"] = secret ?? Secret;
        settings["timeout"] = "1s";
        return settings;
    }

    public IDnsProvider CreateProvider(Dictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        settings ??= Settings();
        var factory = new Rfc2136DnsProviderFactory(time: clock);
        Assert.Empty(factory.Validate(settings));
        return factory.Create(new DnsProviderDefinition("bind-test", "rfc2136", settings));
    }
}
