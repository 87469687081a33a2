using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Testing.Silos;

/// <summary>Hands out loopback addresses and free ports so parallel tests never collide.</summary>
public static class LoopbackAddresses
{
    private static int s_next = 10;

    /// <summary>A fresh 127.0.x.y address (x from 1), unique within this test run.</summary>
    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref s_next);
        return IPAddress.Parse($"127.0.{1 + (n / 250)}.{1 + (n % 250)}");
    }

    public static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
