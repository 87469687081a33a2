using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql.Tests.Infrastructure;

/// <summary>
/// A scripted native-protocol server on a loopback port, for what the Cassandra 2.1 of the tests
/// cannot show: protocol v4 (its negotiation, warnings, v4-only types) and rare server answers
/// (a write timeout of type CAS), and a server slower than the client's timeout. The handler gets each
/// request and returns the response body writer; the optional <c>before</c> hook runs first and may
/// hold the answer back.
/// </summary>
internal sealed class FakeCqlServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<Request, FrameWriter?> _handler;
    private readonly Func<Request, CancellationToken, Task>? _before;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeCqlServer(string address, Func<Request, FrameWriter?> handler, Func<Request, CancellationToken, Task>? before = null)
    {
        _handler = handler;
        _before = before;
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every request received, in order.</summary>
    public List<Request> Received { get; } = new();

    public sealed record Request(int Version, Opcode Opcode, short Stream, byte[] Body)
    {
        public FrameReader Reader() => new(Body, Version);
    }

    /// <summary>A response frame of <paramref name="opcode"/> in <paramref name="version"/>; the server sets the stream.</summary>
    public static FrameWriter Response(int version, Opcode opcode, Action<FrameWriter>? body = null, byte flags = 0)
    {
        var writer = new FrameWriter(0x80 | version, opcode);
        body?.Invoke(writer);
        writer.Finish();
        if (flags != 0)
        {
            writer.SetFlags(flags);
        }
        return writer;
    }

    /// <summary>A Rows RESULT with text columns of table ks.tb.</summary>
    public static FrameWriter Rows(int version, string[] columns, CqlTypeCode[] types, params object?[][] rows) =>
        Response(version, Opcode.Result, w =>
        {
            w.WriteInt(ResultParser.KindRows);
            w.WriteInt(0x0001);
            w.WriteInt(columns.Length);
            w.WriteString("ks");
            w.WriteString("tb");
            for (var i = 0; i < columns.Length; i++)
            {
                w.WriteString(columns[i]);
                w.WriteUShort((ushort)types[i]);
            }
            w.WriteInt(rows.Length);
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    Serialization.CqlCodec.Write(w, CqlType.FromCode(types[i]), row[i], version);
                }
            }
        });

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var header = new byte[9];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(header, _stop.Token);
                    var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
                    var body = new byte[length];
                    await stream.ReadExactlyAsync(body, _stop.Token);
                    var request = new Request(header[0], (Opcode)header[4], BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2)), body);
                    lock (Received)
                    {
                        Received.Add(request);
                    }
                    if (_before is not null)
                    {
                        await _before(request, _stop.Token);
                    }
                    using var response = _handler(request);
                    if (response is null)
                    {
                        return; // Close the connection.
                    }
                    response.SetStream(request.Stream);
                    await stream.WriteAsync(response.Memory, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or EndOfStreamException or SocketException)
            {
            }
        }
    }
}
