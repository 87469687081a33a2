using System.Net;
using ControlPlane.Core.Definitions;

namespace ControlPlane.Probing.Tests;

/// <summary>Builds probe targets for tests.</summary>
internal static class Probes
{
    public static ProbeTarget Http(TestTarget target, HttpCheckDefinition? http = null, string? hostName = null, TimeSpan? timeout = null) =>
        new(
            "ep-1",
            "eu-central",
            target.Address,
            target.Port,
            hostName,
            new CheckDefinition
            {
                Id = "check-1",
                Kind = CheckKind.Http,
                Http = http ?? new HttpCheckDefinition(),
                Timeout = timeout ?? TimeSpan.FromSeconds(5),
                ConnectTimeout = TimeSpan.FromSeconds(2),
            });

    public static ProbeTarget Tcp(IPAddress address, int port, TimeSpan? connectTimeout = null) =>
        new(
            "ep-1",
            "eu-central",
            address,
            port,
            null,
            new CheckDefinition
            {
                Id = "check-tcp",
                Kind = CheckKind.Tcp,
                ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(2),
            });

    /// <summary>A port on <paramref name="address"/> that nothing listens on (bound once, then released).</summary>
    public static int UnusedPort(IPAddress address)
    {
        using var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
