using ControlPlane.Cql.Protocol;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Cql.Connections;

/// <summary>
/// The connections to one node, its up/down state and its reconnection.
/// </summary>
/// <remarks>
/// <see cref="TryBorrow"/> returns the open connection with the fewest requests in flight. When the
/// last connection closes (or a connect attempt fails) the node is marked down and one reconnection
/// loop starts: attempts spaced by <see cref="ReconnectionSchedule"/> (1 s, 2 s, 4 s ... capped), cut
/// short by <see cref="ReconnectNow"/> when the cluster announces the node UP. The first successful
/// connection marks the node up again and the loop tops the pool up to its size. An idle heartbeat
/// (OPTIONS every 30 s) closes connections that stopped answering, which a silent network failure
/// would otherwise hide until requests time out.
/// </remarks>
internal sealed class HostConnectionPool : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    private readonly ConnectionSettings _settings;
    private readonly int _size;
    private readonly ReconnectionSchedule _schedule;
    private readonly ILogger _logger;
    private readonly Action<CqlHost, bool> _stateChanged;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _heartbeat;
    private CqlConnection[] _connections = Array.Empty<CqlConnection>();
    private Task? _reconnectLoop;
    private CancellationTokenSource _wakeUp = new();

    public HostConnectionPool(
        CqlHost host, ConnectionSettings settings, int version, int size, CqlClusterOptions options,
        ILogger logger, Action<CqlHost, bool> stateChanged)
    {
        Host = host;
        _settings = settings;
        Version = version;
        _size = size;
        _schedule = new ReconnectionSchedule(options.ReconnectBaseDelay, options.ReconnectMaxDelay);
        _logger = logger;
        _stateChanged = stateChanged;
        _heartbeat = options.TimeProvider.CreateTimer(_ => _ = HeartbeatAsync(), null, HeartbeatInterval, HeartbeatInterval);
    }

    public CqlHost Host { get; }

    public int Version { get; }

    /// <summary>Open connections.</summary>
    public IReadOnlyList<CqlConnection> Connections => Volatile.Read(ref _connections);

    /// <summary>Opens the pool's connections; on failure marks the node down and starts reconnecting.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < _size; i++)
            {
                await OpenOneAsync(cancellationToken);
            }
            MarkUp();
        }
        catch (Exception ex) when (ex is CqlException or OperationCanceledException && !_disposed.IsCancellationRequested)
        {
            Log.ConnectFailed(_logger, Host.EndPoint, ex.Message);
            MarkDown(ex);
        }
    }

    /// <summary>The least busy open connection, or null when none is open (reconnection is then under way).</summary>
    public CqlConnection? TryBorrow()
    {
        var connections = Volatile.Read(ref _connections);
        CqlConnection? best = null;
        var bestLoad = int.MaxValue;
        foreach (var connection in connections)
        {
            if (!connection.IsOpen)
            {
                continue;
            }
            var load = connection.InFlight;
            if (load < bestLoad)
            {
                best = connection;
                bestLoad = load;
            }
        }
        if (best is null)
        {
            EnsureReconnecting();
        }
        return best;
    }

    /// <summary>Skips the current backoff delay (the cluster said the node is UP).</summary>
    public void ReconnectNow()
    {
        lock (_lock)
        {
            _schedule.Reset();
            _wakeUp.Cancel();
        }
        EnsureReconnecting();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        await _heartbeat.DisposeAsync();
        CqlConnection[] connections;
        Task? loop;
        lock (_lock)
        {
            connections = _connections;
            _connections = Array.Empty<CqlConnection>();
            loop = _reconnectLoop;
            _wakeUp.Cancel();
        }
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task OpenOneAsync(CancellationToken cancellationToken)
    {
        var connection = await CqlConnection.OpenAsync(Host.EndPoint, _settings, Version, cancellationToken);
        connection.Closed += OnConnectionClosed;
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                _ = connection.DisposeAsync();
                throw new OperationCanceledException("The pool was disposed.");
            }
            _connections = [.. _connections, connection];
        }
        if (!connection.IsOpen)
        {
            OnConnectionClosed(connection, connection.CloseReason);
        }
    }

    private void OnConnectionClosed(CqlConnection connection, Exception? reason)
    {
        bool empty;
        lock (_lock)
        {
            _connections = _connections.Where(c => !ReferenceEquals(c, connection)).ToArray();
            empty = _connections.Length == 0;
        }
        _ = connection.DisposeAsync();
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        Log.ConnectionClosed(_logger, Host.EndPoint, reason?.Message ?? "closed");
        if (empty)
        {
            MarkDown(reason);
        }
        else
        {
            EnsureReconnecting();
        }
    }

    private void MarkUp()
    {
        if (Host.SetUp(true))
        {
            Log.HostUp(_logger, Host.EndPoint, Host.Datacenter);
            _stateChanged(Host, true);
        }
    }

    private void MarkDown(Exception? reason)
    {
        if (Host.SetUp(false))
        {
            Log.HostDown(_logger, Host.EndPoint, Host.Datacenter, reason?.Message ?? "connection closed");
            _stateChanged(Host, false);
        }
        EnsureReconnecting();
    }

    private void EnsureReconnecting()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested || _reconnectLoop is { IsCompleted: false })
            {
                return;
            }
            _reconnectLoop = Task.Run(ReconnectLoopAsync);
        }
    }

    private async Task ReconnectLoopAsync()
    {
        var token = _disposed.Token;
        while (!token.IsCancellationRequested && Volatile.Read(ref _connections).Length < _size)
        {
            if (Volatile.Read(ref _connections).Length == 0)
            {
                CancellationTokenSource wake;
                TimeSpan delay;
                lock (_lock)
                {
                    if (_wakeUp.IsCancellationRequested)
                    {
                        _wakeUp.Dispose();
                        _wakeUp = new CancellationTokenSource();
                    }
                    wake = _wakeUp;
                    delay = _schedule.Next();
                }
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, wake.Token);
                try
                {
                    await Task.Delay(delay, linked.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    // Woken up early by an UP event.
                }
            }
            try
            {
                await OpenOneAsync(token);
                _schedule.Reset();
                MarkUp();
            }
            catch (Exception ex) when (ex is CqlException && !token.IsCancellationRequested)
            {
                Log.ReconnectFailed(_logger, Host.EndPoint, ex.Message);
                if (Volatile.Read(ref _connections).Length > 0)
                {
                    await Task.Delay(_schedule.Next(), token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task HeartbeatAsync()
    {
        foreach (var connection in Volatile.Read(ref _connections))
        {
            if (!connection.IsOpen || connection.InFlight > 0)
            {
                continue;
            }
            try
            {
                var response = await connection.SendAsync(Opcode.Options, static _ => { }, _settings.ConnectTimeout, _disposed.Token);
                if (response.Opcode != Opcode.Supported)
                {
                    connection.Close(new CqlProtocolViolationException($"Heartbeat answered with {response.Opcode}."));
                }
            }
            catch (CqlRequestTimeoutException ex)
            {
                connection.Close(ex);
            }
            catch (Exception ex) when (ex is CqlException or OperationCanceledException)
            {
                // Closed meanwhile; the close handler deals with it.
            }
        }
    }
}
