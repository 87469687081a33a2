using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Dns.Rfc2136.Tests.Support;

/// <summary>
/// A UDP relay in front of a real DNS server that can hold requests instead of passing them on,
/// and deliver them later: what a frozen server's socket does to an update that timed out.
/// Answers go back to the sender of the request with the same message id.
/// </summary>
internal sealed class HoldingUdpProxy : IAsyncDisposable
{
    private readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _back;
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _held = [];
    private readonly Task _forward;
    private readonly Task _answer;
    private readonly Dictionary<int, IPEndPoint> _clients = [];
    private bool _holding;

    public HoldingUdpProxy(IPEndPoint server)
    {
        _server = server;
        _back = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        _back.Connect(server);
        _forward = ForwardAsync();
        _answer = AnswerAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_front.Client.LocalEndPoint!;

    /// <summary>From now on requests are kept, not passed on.</summary>
    public void Hold()
    {
        lock (_held)
        {
            _holding = true;
        }
    }

    /// <summary>Passes requests on again and returns those held meanwhile, undelivered.</summary>
    public IReadOnlyList<byte[]> Pass()
    {
        lock (_held)
        {
            _holding = false;
            var held = _held.ToList();
            _held.Clear();
            return held;
        }
    }

    /// <summary>Delivers a held request to the server now and returns the rcode of its answer.</summary>
    public async Task<int> DeliverLateAsync(byte[] request)
    {
        using var late = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        late.Connect(_server);
        await late.SendAsync(request);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var answer = await late.ReceiveAsync(timeout.Token);
        return answer.Buffer[3] & 0x0F;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _front.Dispose();
        _back.Dispose();
        await Task.WhenAll(_forward, _answer).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ForwardAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var request = await _front.ReceiveAsync(_stop.Token);
            lock (_held)
            {
                _clients[Id(request.Buffer)] = request.RemoteEndPoint;
                if (_holding)
                {
                    _held.Add(request.Buffer);
                    continue;
                }
            }

            await _back.SendAsync(request.Buffer, _stop.Token);
        }
    }

    private async Task AnswerAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var answer = await _back.ReceiveAsync(_stop.Token);
            IPEndPoint? client;
            lock (_held)
            {
                _clients.TryGetValue(Id(answer.Buffer), out client);
            }

            if (client is not null)
            {
                await _front.SendAsync(answer.Buffer, client, _stop.Token);
            }
        }
    }

    private static int Id(byte[] message) => message.Length < 2 ? -1 : (message[0] << 8) | message[1];
}
