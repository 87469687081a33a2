using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Dns.Rfc2136.Tests.Support;

/// <summary>
/// A scripted DNS server on 127.0.0.1 (UDP and TCP on one port) for transport edge cases that a
/// real server will not produce on demand: truncation, silence, bad signatures.
/// </summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly Func<byte[], string, byte[]?> _respond;
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    /// <param name="respond">Gets a request and "udp" or "tcp"; returns the response, or null to stay silent.</param>
    public FakeDnsServer(Func<byte[], string, byte[]?> respond)
    {
        _respond = respond;
        (_udp, _tcp) = BindBoth();
        Endpoint = (IPEndPoint)_udp.LocalEndPoint!;
        _udpLoop = Task.Run(ServeUdpAsync);
        _tcpLoop = Task.Run(ServeTcpAsync);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>"udp" or "tcp" for each request received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    /// <summary>A UDP socket and a TCP listener on one free port (the UDP port may be taken for TCP: then another).</summary>
    private static (Socket Udp, TcpListener Tcp) BindBoth()
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new TcpListener((IPEndPoint)udp.LocalEndPoint!);
            try
            {
                tcp.Start();
                return (udp, tcp);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 50)
            {
                udp.Dispose();
            }
        }
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            Requests.Enqueue("udp");
            if (_respond(buffer[..received.ReceivedBytes], "udp") is { } response)
            {
                await _udp.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            var prefix = new byte[2];
            await stream.ReadExactlyAsync(prefix, _stop.Token);
            var request = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
            await stream.ReadExactlyAsync(request, _stop.Token);
            Requests.Enqueue("tcp");
            if (_respond(request, "tcp") is { } response)
            {
                var framed = new byte[response.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                response.CopyTo(framed, 2);
                await stream.WriteAsync(framed, _stop.Token);
            }
        }
    }
}
