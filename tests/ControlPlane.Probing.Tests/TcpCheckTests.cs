using System.Net;
using System.Net.Sockets;
using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Tests;

public sealed class TcpCheckTests : IDisposable
{
    private readonly ProbeEngine _engine = ProbeEngine.CreateDefault();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Open_port_passes_and_the_connection_is_closed_again()
    {
        var address = IPAddress.Parse("127.0.0.10");
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var observation = await _engine.RunAsync(Probes.Tcp(address, port), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Matches($@"^connected to 127\.0\.0\.10:{port} in \d+ ms$", observation.Detail);
        using var accepted = await listener.AcceptSocketAsync();
        var buffer = new byte[1];
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await accepted.ReceiveAsync(buffer, SocketFlags.None, read.Token));
    }

    [Fact]
    public async Task Closed_port_is_connect_failed_refused()
    {
        var address = IPAddress.Parse("127.0.0.10");
        var port = Probes.UnusedPort(address);

        var observation = await _engine.RunAsync(Probes.Tcp(address, port), CancellationToken.None);

        Assert.Equal(ObservationOutcome.ConnectFailed, observation.Outcome);
        Assert.Equal($"connect to 127.0.0.10:{port} refused", observation.Detail);
    }

    [Fact]
    public async Task Ipv6_loopback_target_is_probed()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            return; // No IPv6 on this machine; nothing to check.
        }

        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var observation = await _engine.RunAsync(Probes.Tcp(IPAddress.IPv6Loopback, port), CancellationToken.None);

        Assert.Equal(ObservationOutcome.Success, observation.Outcome);
        Assert.Contains($"[::1]:{port}", observation.Detail);
    }
}
