using System.Globalization;
using ControlPlane.Testing.Bind;

namespace ControlPlane.Silo.Tests.Bind;

/// <summary>
/// The BIND 9 that silos of <see cref="SiloBindCollection"/> publish to: zone <see cref="Zone"/> on
/// 127.0.0.22:5300 (or <c>CONTROLPLANE_TEST_SILO_BIND_ADDRESS</c> / <c>CONTROLPLANE_TEST_SILO_BIND_PORT</c>),
/// an address of its own so that it runs beside the RFC 2136 provider tests' server.
/// </summary>
public sealed class SiloBindFixture : IAsyncLifetime
{
    public const string Zone = "example.test.";

    public SiloBindFixture()
    {
        var address = Environment.GetEnvironmentVariable("CONTROLPLANE_TEST_SILO_BIND_ADDRESS") ?? "127.0.0.22";
        var port = int.Parse(Environment.GetEnvironmentVariable("CONTROLPLANE_TEST_SILO_BIND_PORT") ?? "5300", CultureInfo.InvariantCulture);
        Server = new BindServer(address, port, Zone, TsigKey.Generate("controlplane."));
    }

    public BindServer Server { get; }

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
