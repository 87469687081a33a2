using System.Net;
using ControlPlane.Cql.Protocol;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Cql.Connections;

/// <summary>
/// One extra connection that negotiates the protocol version, discovers the nodes and their
/// datacenters, receives cluster events and answers schema-agreement queries.
/// </summary>
/// <remarks>
/// The version is negotiated once, against the first contact point that answers: STARTUP at the
/// highest version allowed, and on refusal again at the version the server answered in (v3 for
/// Cassandra 2.1). The connection registers for TOPOLOGY_CHANGE, STATUS_CHANGE and SCHEMA_CHANGE;
/// topology changes re-read system.local/system.peers, and STATUS_CHANGE UP wakes the node's pool
/// so it reconnects at once instead of waiting out its backoff. When the control connection itself
/// breaks it moves to another node (local datacenter first), retrying with backoff.
/// </remarks>
internal sealed class ControlConnection : IAsyncDisposable
{
    private readonly CqlClusterOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly ClusterTopology _topology;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ReconnectionSchedule _schedule;
    private IReadOnlyList<IPEndPoint> _contactPoints = Array.Empty<IPEndPoint>();
    private CqlConnection? _connection;
    private int _reconnecting;

    public ControlConnection(CqlClusterOptions options, ClusterTopology topology, ILogger logger)
    {
        _options = options;
        // No keyspace on the control connection, and few requests in flight.
        _settings = ConnectionSettings.From(options) with { Keyspace = null, MaxRequestsPerConnection = 128 };
        _topology = topology;
        _logger = logger;
        _schedule = new ReconnectionSchedule(options.ReconnectBaseDelay, options.ReconnectMaxDelay);
    }

    /// <summary>The negotiated protocol version.</summary>
    public int Version { get; private set; }

    /// <summary>The node the control connection is on.</summary>
    public IPEndPoint? EndPoint => _connection?.EndPoint;

    /// <summary>Called with (change, address) for STATUS_CHANGE events: "UP" or "DOWN".</summary>
    public Action<string, IPAddress>? StatusChanged { get; set; }

    public async Task InitializeAsync(IReadOnlyList<IPEndPoint> contactPoints, CancellationToken cancellationToken)
    {
        _contactPoints = contactPoints;
        var errors = new List<KeyValuePair<IPEndPoint, Exception>>();
        foreach (var endPoint in contactPoints)
        {
            try
            {
                await ConnectAsync(endPoint, _options.MaxProtocolVersion, cancellationToken);
                return;
            }
            catch (CqlException ex)
            {
                errors.Add(new(endPoint, ex));
                Log.ConnectFailed(_logger, endPoint, ex.Message);
            }
        }
        throw new CqlNoHostAvailableException(
            "No contact point could be reached: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}")), errors);
    }

    /// <summary>Runs a query on the control connection (system tables).</summary>
    public async Task<RowSet> QueryAsync(string cql, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new CqlConnectionException("The control connection is not open.") { RequestSent = false };
        var response = await connection.SendAsync(
            Opcode.Query,
            w => Requests.Query(w, cql, new QueryParameters(CqlConsistency.One, null, null, false, 0, null, null, null)),
            _options.RequestTimeout,
            cancellationToken);
        var reader = response.OpenBody(out _);
        if (response.Opcode == Opcode.Error)
        {
            throw ErrorParser.Parse(reader);
        }
        return ResultParser.ParseRowSet(reader, null);
    }

    /// <summary>Re-reads system.local and system.peers into the topology.</summary>
    public async Task RefreshTopologyAsync(CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new CqlConnectionException("The control connection is not open.") { RequestSent = false };
        var local = await QueryAsync("SELECT data_center, rack, release_version FROM system.local WHERE key = 'local'", cancellationToken);
        var peers = await QueryAsync("SELECT peer, rpc_address, data_center, rack, release_version FROM system.peers", cancellationToken);
        var present = new List<IPEndPoint>();
        if (local.FirstOrDefault() is { } self)
        {
            var dc = self.Get<string>("data_center") ?? string.Empty;
            if (string.IsNullOrEmpty(_topology.LocalDatacenter))
            {
                _topology.LocalDatacenter = _options.LocalDatacenter ?? dc;
            }
            var host = _topology.Upsert(connection.EndPoint.Address, dc, self.Get<string>("rack") ?? string.Empty, self.Get<string?>("release_version"));
            present.Add(host.EndPoint);
        }
        foreach (var peer in peers)
        {
            var address = peer.Get<IPAddress?>("rpc_address");
            if (address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                address = peer.Get<IPAddress>("peer");
            }
            var dc = peer.Get<string?>("data_center");
            if (dc is null)
            {
                continue; // A node still joining: gossip has not filled its row yet.
            }
            var host = _topology.Upsert(address, dc, peer.Get<string?>("rack") ?? string.Empty, peer.Get<string?>("release_version"));
            present.Add(host.EndPoint);
        }
        _topology.RemoveAllBut(present);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task ConnectAsync(IPEndPoint endPoint, int version, CancellationToken cancellationToken)
    {
        CqlConnection connection;
        while (true)
        {
            try
            {
                connection = await CqlConnection.OpenAsync(endPoint, _settings, version, cancellationToken);
                break;
            }
            catch (CqlProtocolVersionRefusedException refused) when (version > 3)
            {
                var next = Math.Clamp(refused.ServerVersion ?? version - 1, 3, version - 1);
                Log.ProtocolDowngrade(_logger, endPoint, version, next);
                version = next;
            }
        }
        try
        {
            var registered = await connection.SendAsync(
                Opcode.Register,
                w => Requests.Register(w, ["TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE"]),
                _options.RequestTimeout,
                cancellationToken);
            if (registered.Opcode == Opcode.Error)
            {
                throw ErrorParser.Parse(registered.OpenBody(out _));
            }
            connection.EventReceived += OnEvent;
            Version = version;
            _connection = connection;
            await RefreshTopologyAsync(cancellationToken);
            connection.Closed += OnClosed;
            if (!connection.IsOpen)
            {
                OnClosed(connection, connection.CloseReason);
            }
            Log.ControlConnected(_logger, endPoint, version);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void OnEvent(Frame frame)
    {
        try
        {
            var reader = frame.OpenBody(out _);
            var kind = reader.ReadString();
            if (kind is "TOPOLOGY_CHANGE" or "STATUS_CHANGE")
            {
                var change = reader.ReadString();
                var address = reader.ReadInet();
                Log.ClusterEvent(_logger, kind, change, address.ToString());
                if (kind == "STATUS_CHANGE")
                {
                    StatusChanged?.Invoke(change, address.Address);
                }
                else
                {
                    _ = RefreshQuietlyAsync();
                }
            }
        }
        catch (CqlProtocolViolationException)
        {
            // An event this client does not understand is not worth the connection.
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            // Give the new node's rows time to reach system.peers.
            await Task.Delay(TimeSpan.FromSeconds(1), _disposed.Token);
            await RefreshTopologyAsync(_disposed.Token);
        }
        catch (Exception ex) when (ex is CqlException or OperationCanceledException)
        {
        }
    }

    private void OnClosed(CqlConnection connection, Exception? reason)
    {
        if (_disposed.IsCancellationRequested || !ReferenceEquals(connection, _connection))
        {
            return;
        }
        Log.ControlLost(_logger, reason?.Message ?? "closed");
        if (Interlocked.Exchange(ref _reconnecting, 1) == 0)
        {
            _ = ReconnectLoopAsync();
        }
    }

    private async Task ReconnectLoopAsync()
    {
        var token = _disposed.Token;
        try
        {
            _schedule.Reset();
            while (!token.IsCancellationRequested)
            {
                var candidates = _topology.Hosts
                    .OrderByDescending(h => h.Datacenter == _topology.LocalDatacenter)
                    .ThenByDescending(h => h.IsUp)
                    .Select(h => h.EndPoint)
                    .Concat(_contactPoints)
                    .Where(ep => !ep.Equals(_connection?.EndPoint) || _topology.Hosts.Count <= 1)
                    .Distinct()
                    .ToList();
                foreach (var endPoint in candidates)
                {
                    try
                    {
                        await ConnectAsync(endPoint, Version, token);
                        return;
                    }
                    catch (CqlException ex)
                    {
                        Log.ReconnectFailed(_logger, endPoint, ex.Message);
                    }
                }
                await Task.Delay(_schedule.Next(), token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Exchange(ref _reconnecting, 0);
        }
    }
}
