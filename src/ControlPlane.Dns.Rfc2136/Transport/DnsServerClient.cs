using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ControlPlane.Dns.Rfc2136.Tsig;
using ControlPlane.Dns.Rfc2136.Wire;

namespace ControlPlane.Dns.Rfc2136.Transport;

/// <summary>
/// Sends one request to one DNS server and returns its verified response: UDP first, TCP when the
/// request is larger than 512 octets or the UDP response comes back truncated (RFC 1035 4.2, RFC 7766).
/// </summary>
/// <remarks>
/// Requests are TSIG-signed when a signer is given, and then a response is returned only when its
/// signature verifies, or when it is the unsigned BADSIG/BADKEY error a server sends when it
/// could not verify us. Over UDP, datagrams with another id or another question are skipped, as
/// a resolver does. Failures become <see cref="DnsProviderException"/>: transient for timeouts
/// and socket errors, not transient for a response that fails verification.
/// </remarks>
internal sealed class DnsServerClient
{
    /// <summary>The largest UDP message without EDNS (RFC 1035 2.3.4).</summary>
    public const int MaxUdpMessage = 512;

    private readonly string _providerId;
    private readonly TsigSigner? _signer;
    private readonly TimeSpan _timeout;

    public DnsServerClient(string providerId, IPEndPoint server, TsigSigner? signer, TimeSpan timeout)
    {
        _providerId = providerId;
        Server = server;
        _signer = signer;
        _timeout = timeout;
    }

    public IPEndPoint Server { get; }

    /// <summary>A random message id, so that an off-path attacker cannot guess it.</summary>
    public static ushort NewId() => (ushort)RandomNumberGenerator.GetInt32(0, 0x10000);

    /// <summary>Sends <paramref name="request"/> and returns the server's response.</summary>
    /// <exception cref="DnsProviderException">No response in time, a socket error, or a response that fails verification.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DnsMessage> ExchangeAsync(DnsMessage request, CancellationToken cancellationToken)
    {
        var signed = _signer?.Sign(request) ?? new SignedRequest(DnsMessageWriter.Write(request), []);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var protocol = signed.Wire.Length > MaxUdpMessage ? "tcp" : "udp";
        try
        {
            var received = protocol == "udp"
                ? await ExchangeUdpAsync(request, signed.Wire, deadline.Token)
                : null;
            if (received is null || received.Value.Message.Truncated)
            {
                protocol = "tcp";
                received = await ExchangeTcpAsync(request, signed.Wire, deadline.Token);
            }

            return Verify(request, signed, received.Value);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DnsProviderException(_providerId, $"no response from {Server} over {protocol} within {_timeout.TotalSeconds:0.###} s", transient: true);
        }
        catch (SocketException e)
        {
            throw new DnsProviderException(_providerId, $"cannot reach {Server} over {protocol}: {e.SocketErrorCode}", transient: true, e);
        }
        catch (IOException e)
        {
            throw new DnsProviderException(_providerId, $"connection to {Server} over {protocol} failed: {e.Message}", transient: true, e);
        }
    }

    private async Task<Received?> ExchangeUdpAsync(DnsMessage request, byte[] wire, CancellationToken cancellationToken)
    {
        using var socket = new Socket(Server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(Server, cancellationToken);
        await socket.SendAsync(wire, SocketFlags.None, cancellationToken);
        var buffer = new byte[ushort.MaxValue];
        while (true)
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (TryParseAnswer(request, buffer.AsSpan(0, length)) is { } received)
            {
                return received;
            }
        }
    }

    private async Task<Received> ExchangeTcpAsync(DnsMessage request, byte[] wire, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(Server.AddressFamily) { NoDelay = true };
        await client.ConnectAsync(Server, cancellationToken);
        var stream = client.GetStream();
        var framed = new byte[wire.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, checked((ushort)wire.Length));
        wire.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken);

        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, cancellationToken);
        var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(response, cancellationToken);
        return TryParseAnswer(request, response)
               ?? throw new DnsProviderException(_providerId, $"{Server} answered over tcp with a message that does not answer our request", transient: true);
    }

    /// <summary>The response when <paramref name="wire"/> parses and answers <paramref name="request"/>; else null.</summary>
    private static Received? TryParseAnswer(DnsMessage request, ReadOnlySpan<byte> wire)
    {
        DnsMessage message;
        int tsigOffset;
        try
        {
            message = DnsMessageReader.Read(wire, out tsigOffset);
        }
        catch (DnsFormatException)
        {
            return null;
        }

        var answers = message.IsResponse
                      && message.Id == request.Id
                      && message.Opcode == request.Opcode
                      && (message.Questions.Count == 0 || QuestionsMatch(request.Questions, message.Questions));
        return answers ? new Received(message, wire.ToArray(), tsigOffset) : null;
    }

    private static bool QuestionsMatch(IReadOnlyList<DnsQuestion> sent, IReadOnlyList<DnsQuestion> echoed) =>
        sent.Count == echoed.Count
        && sent.Zip(echoed).All(p => DnsName.Equal(p.First.Name, p.Second.Name) && p.First.Type == p.Second.Type && p.First.Class == p.Second.Class);

    private DnsMessage Verify(DnsMessage request, SignedRequest signed, Received received)
    {
        if (_signer is null)
        {
            return received.Message;
        }

        var verification = _signer.Verify(received.Wire, received.Message, received.TsigOffset, signed.Mac);
        if (verification.Status == TsigVerificationStatus.Failed)
        {
            throw new DnsProviderException(
                _providerId,
                $"rejected the response from {Server} to our {request.Opcode.ToString().ToUpperInvariant()}: TSIG verification failed: {verification.Problem}",
                transient: false);
        }

        return received.Message;
    }

    private readonly record struct Received(DnsMessage Message, byte[] Wire, int TsigOffset);
}
