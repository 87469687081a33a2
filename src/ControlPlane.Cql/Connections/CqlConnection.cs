using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ControlPlane.Cql.Protocol;

namespace ControlPlane.Cql.Connections;

/// <summary>
/// One TCP (optionally TLS) connection to one Cassandra node, multiplexing many requests by stream id.
/// </summary>
/// <remarks>
/// Callers build a complete frame in a <see cref="FrameWriter"/> and hand it to <see cref="SendAsync(FrameWriter, TimeSpan, CancellationToken)"/>,
/// which takes a free stream id, registers a completion for it and queues the frame. Whichever caller
/// finds no flush under way becomes the flusher: it drains the queue, coalescing every queued frame into
/// as few socket writes as possible, while later callers only enqueue (no thread hop per request). One reader
/// loop cuts the byte stream into frames and completes the pending request of each stream id (server
/// EVENTs, stream -1, go to <see cref="EventReceived"/>). A stream id is returned to the free list only
/// when its response arrives, so an id whose request timed out on the client is never reused while the
/// server may still answer it. Completions run asynchronously, so no caller code runs on the reader loop.
/// Any I/O error closes the connection and fails every pending request with <see cref="CqlConnectionException"/>.
/// </remarks>
internal sealed partial class CqlConnection : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly TaskCompletionSource<Frame>?[] _pending;
    private readonly Stack<short> _freeIds;
    private readonly Lock _idLock = new();
    private readonly ConcurrentQueue<FrameWriter> _writes = new();
    private readonly byte[] _writeBuffer = new byte[BufferSize];
    private int _flushing;
    private readonly CancellationTokenSource _closing = new();
    private int _inFlight;
    private int _peakInFlight;
    private int _closed;
    private Task _readLoop = Task.CompletedTask;

    private CqlConnection(IPEndPoint endPoint, Socket socket, Stream stream, int version, int maxRequests)
    {
        EndPoint = endPoint;
        _socket = socket;
        _stream = stream;
        Version = version;
        var streams = Math.Clamp(maxRequests, 1, 32768);
        _pending = new TaskCompletionSource<Frame>?[streams];
        _freeIds = new Stack<short>(streams);
        for (var id = streams - 1; id >= 0; id--)
        {
            _freeIds.Push((short)id);
        }
    }

    /// <summary>The node's native-protocol address.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The protocol version fixed by STARTUP.</summary>
    public int Version { get; }

    /// <summary>Requests sent and not answered yet (including ones the client gave up on).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that were in flight at once (diagnostics, tests).</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Why the connection closed, once it has.</summary>
    public Exception? CloseReason { get; private set; }

    /// <summary>Raised once when the connection closes, with the reason.</summary>
    public event Action<CqlConnection, Exception?>? Closed;

    /// <summary>Server EVENT frames (only on connections that sent REGISTER).</summary>
    public event Action<Frame>? EventReceived;

    /// <summary>
    /// Opens a connection, performs STARTUP (and authentication) at <paramref name="version"/>, and
    /// selects the keyspace. Throws <see cref="CqlProtocolVersionRefusedException"/> when the server
    /// does not speak that version.
    /// </summary>
    public static async Task<CqlConnection> OpenAsync(
        IPEndPoint endPoint, ConnectionSettings settings, int version, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (settings.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = string.IsNullOrEmpty(tls.TargetHost) ? endPoint.Address.ToString() : tls.TargetHost,
                    RemoteCertificateValidationCallback = tls.RemoteCertificateValidationCallback,
                    ClientCertificates = tls.ClientCertificates,
                    EnabledSslProtocols = tls.EnabledSslProtocols,
                    CertificateRevocationCheckMode = tls.CertificateRevocationCheckMode,
                };
                await ssl.AuthenticateAsClientAsync(options, timeout.Token);
                stream = ssl;
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            socket.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            var what = ex is OperationCanceledException ? $"timed out after {settings.ConnectTimeout.TotalSeconds:0.#} s" : ex.Message;
            throw new CqlConnectionException($"Cannot connect to {endPoint}: {what}", ex) { Host = endPoint };
        }

        var connection = new CqlConnection(endPoint, socket, stream, version, settings.MaxRequestsPerConnection);
        connection.Start();
        try
        {
            await connection.StartupAsync(settings, timeout.Token);
            return connection;
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new CqlConnectionException($"Cannot connect to {endPoint}: STARTUP timed out after {settings.ConnectTimeout.TotalSeconds:0.#} s", ex) { Host = endPoint };
            }
            if (ex is CqlException cql)
            {
                cql.Host ??= endPoint;
            }
            throw;
        }
    }

    /// <summary>
    /// Sends a finished frame and waits for its response. The connection takes ownership of
    /// <paramref name="frame"/> (and disposes it), whether or not the send succeeds.
    /// </summary>
    public async Task<Frame> SendAsync(FrameWriter frame, TimeSpan timeout, CancellationToken cancellationToken)
    {
        short id;
        var completion = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_idLock)
        {
            if (!IsOpen)
            {
                frame.Dispose();
                throw new CqlConnectionException($"Connection to {EndPoint} is closed.", CloseReason) { Host = EndPoint, RequestSent = false };
            }
            if (_freeIds.Count == 0)
            {
                frame.Dispose();
                throw new CqlBusyConnectionException($"All {_pending.Length} stream ids of the connection to {EndPoint} are in use.") { Host = EndPoint };
            }
            id = _freeIds.Pop();
            _pending[id] = completion;
        }
        var inFlight = Interlocked.Increment(ref _inFlight);
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }
        frame.SetStream(id);
        _writes.Enqueue(frame);
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            _ = FlushAsync();
        }
        try
        {
            return await completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new CqlRequestTimeoutException(
                $"No response from {EndPoint} within {timeout.TotalMilliseconds:0} ms.", timeout)
            { Host = EndPoint };
        }
    }

    /// <summary>Sends a request built by <paramref name="build"/> and returns its response frame.</summary>
    public Task<Frame> SendAsync(Opcode opcode, Action<FrameWriter> build, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var frame = new FrameWriter(Version, opcode);
        try
        {
            build(frame);
            frame.Finish();
        }
        catch
        {
            frame.Dispose();
            throw;
        }
        return SendAsync(frame, timeout, cancellationToken);
    }

    /// <summary>Closes the connection (idempotent) and fails pending requests.</summary>
    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        CloseReason = reason;
        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        _socket.Dispose();
        TaskCompletionSource<Frame>?[] pending;
        lock (_idLock)
        {
            pending = (TaskCompletionSource<Frame>?[])_pending.Clone();
            Array.Clear(_pending);
        }
        var error = new CqlConnectionException(
            $"Connection to {EndPoint} closed{(reason is null ? string.Empty : ": " + reason.Message)}", reason)
        { Host = EndPoint };
        foreach (var completion in pending)
        {
            completion?.TrySetException(error);
        }
        while (_writes.TryDequeue(out var frame))
        {
            frame.Dispose();
        }
        Closed?.Invoke(this, reason);
    }

    public async ValueTask DisposeAsync()
    {
        Close(null);
        try
        {
            await _readLoop;
        }
        catch
        {
            // Loop failures were already turned into the close reason.
        }
        _closing.Dispose();
        await _stream.DisposeAsync();
    }

    private void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Writes queued frames until the queue is empty; only one flush runs at a time.</summary>
    private async Task FlushAsync()
    {
        var buffer = _writeBuffer;
        try
        {
            while (true)
            {
                var used = 0;
                while (_writes.TryDequeue(out var frame))
                {
                    using (frame)
                    {
                        var length = frame.Length;
                        if (length > buffer.Length - used && used > 0)
                        {
                            await _stream.WriteAsync(buffer.AsMemory(0, used), _closing.Token);
                            used = 0;
                        }
                        if (length > buffer.Length)
                        {
                            await _stream.WriteAsync(frame.Memory, _closing.Token);
                            continue;
                        }
                        frame.CopyTo(buffer.AsSpan(used));
                        used += length;
                    }
                }
                if (used > 0)
                {
                    await _stream.WriteAsync(buffer.AsMemory(0, used), _closing.Token);
                }
                Volatile.Write(ref _flushing, 0);
                // A frame queued after the queue looked empty, by a caller that saw the flush still running.
                if (_writes.IsEmpty || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(ex is OperationCanceledException ? null : ex);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[BufferSize];
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                // Header: 9 bytes from v3 on; 8 bytes (one-byte stream) when an old server answers in v1/v2.
                while (end - start < 1 || end - start < HeaderLength(buffer[start]))
                {
                    (start, end) = await FillAsync(buffer, start, end);
                }
                var headerLength = HeaderLength(buffer[start]);
                var version = buffer[start] & 0x7F;
                var flags = buffer[start + 1];
                short stream;
                Opcode opcode;
                int length;
                if (headerLength == Frame.HeaderLength)
                {
                    stream = BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(start + 2));
                    opcode = (Opcode)buffer[start + 4];
                    length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start + 5));
                }
                else
                {
                    stream = unchecked((sbyte)buffer[start + 2]);
                    opcode = (Opcode)buffer[start + 3];
                    length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start + 4));
                }
                if (length < 0 || length > Frame.MaxBodyLength)
                {
                    throw new CqlProtocolViolationException($"Frame from {EndPoint} announces a body of {length} bytes.");
                }
                start += headerLength;
                var body = length == 0 ? Array.Empty<byte>() : new byte[length];
                var have = Math.Min(length, end - start);
                buffer.AsSpan(start, have).CopyTo(body);
                start += have;
                while (have < length)
                {
                    var read = await _stream.ReadAsync(body.AsMemory(have), _closing.Token);
                    if (read == 0)
                    {
                        throw new IOException("The server closed the connection.");
                    }
                    have += read;
                }
                if (start == end)
                {
                    start = end = 0;
                }
                Dispatch(new Frame(version, flags, stream, opcode, body));
            }
        }
        catch (Exception ex)
        {
            Close(ex is OperationCanceledException ? null : ex);
        }
    }

    private static int HeaderLength(byte versionByte) => (versionByte & 0x7F) >= 3 ? Frame.HeaderLength : 8;

    private async Task<(int Start, int End)> FillAsync(byte[] buffer, int start, int end)
    {
        if (start > 0 && buffer.Length - end < Frame.HeaderLength)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        var read = await _stream.ReadAsync(buffer.AsMemory(end), _closing.Token);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }
        return (start, end + read);
    }

    private void Dispatch(Frame frame)
    {
        if (frame.Stream < 0)
        {
            if (frame.Opcode == Opcode.Event)
            {
                EventReceived?.Invoke(frame);
            }
            return;
        }
        TaskCompletionSource<Frame>? completion = null;
        lock (_idLock)
        {
            if (frame.Stream < _pending.Length)
            {
                completion = _pending[frame.Stream];
                _pending[frame.Stream] = null;
                if (completion is not null)
                {
                    _freeIds.Push(frame.Stream);
                }
            }
        }
        if (completion is not null)
        {
            Interlocked.Decrement(ref _inFlight);
            completion.TrySetResult(frame);
        }
    }
}
