using System.Collections.Concurrent;
using System.Net;
using ControlPlane.Cql.Connections;
using ControlPlane.Cql.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Cql;

/// <summary>
/// The session: the control connection, one connection pool per node it may use, the query plans,
/// retries and re-preparation. Partial: setup here, request execution in CqlSession.Execute.cs,
/// the public operations in CqlSession.Operations.cs.
/// </summary>
internal sealed partial class CqlSession : ICqlSession
{
    private readonly CqlClusterOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly ClusterTopology _topology;
    private readonly ControlConnection _control;
    private readonly ConcurrentDictionary<IPEndPoint, HostConnectionPool> _pools = new();
    private readonly ConcurrentDictionary<string, Task<PreparedStatement>> _prepared = new(StringComparer.Ordinal);
    private readonly TimestampGenerator _timestamps;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private int _roundRobin;
    private HostConnectionPool[] _sortedPools = [];

    public CqlSession(CqlClusterOptions options)
    {
        _options = options;
        _settings = ConnectionSettings.From(options);
        _logger = options.LoggerFactory?.CreateLogger("ControlPlane.Cql") ?? NullLogger.Instance;
        _topology = new ClusterTopology(options.Port);
        _control = new ControlConnection(options, _topology, _logger);
        _timestamps = new TimestampGenerator(options.TimeProvider);
    }

    public int ProtocolVersion => _control.Version;

    public string LocalDatacenter => _topology.LocalDatacenter;

    public IReadOnlyCollection<CqlHost> Hosts => _topology.Hosts.OrderBy(h => h.EndPoint.ToString(), StringComparer.Ordinal).ToList();

    internal async Task InitializeAsync(IReadOnlyList<IPEndPoint> contactPoints, CancellationToken cancellationToken)
    {
        _control.StatusChanged = OnStatusChanged;
        await _control.InitializeAsync(contactPoints, cancellationToken);
        if (!_topology.Hosts.Any(h => h.Datacenter == LocalDatacenter))
        {
            var known = string.Join(", ", _topology.Hosts.Select(h => h.Datacenter).Distinct());
            throw new CqlException($"LocalDatacenter '{LocalDatacenter}' has no node; the cluster's datacenters are: {known}.");
        }
        _topology.HostAdded += host => _ = AddPoolAsync(host, _disposed.Token);
        _topology.HostRemoved += host =>
        {
            if (_pools.TryRemove(host.EndPoint, out var pool))
            {
                Volatile.Write(ref _sortedPools, []);
                _ = pool.DisposeAsync().AsTask();
            }
        };
        await Task.WhenAll(_topology.Hosts.Select(h => AddPoolAsync(h, cancellationToken)));
        if (!_topology.Hosts.Any(h => h.IsUp && (h.Datacenter == LocalDatacenter || _options.AllowRemoteDatacenters) && _pools.ContainsKey(h.EndPoint)))
        {
            throw new CqlNoHostAvailableException(
                $"No node of the local datacenter '{LocalDatacenter}' accepted a connection.",
                Array.Empty<KeyValuePair<IPEndPoint, Exception>>());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }
        _disposed.Cancel();
        await _control.DisposeAsync();
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync();
        }
        _pools.Clear();
    }

    /// <summary>Nodes of the local datacenter get a pool; remote ones only when remote datacenters are allowed.</summary>
    private bool IsUsable(CqlHost host) => host.Datacenter == LocalDatacenter || _options.AllowRemoteDatacenters;

    private async Task AddPoolAsync(CqlHost host, CancellationToken cancellationToken)
    {
        if (!IsUsable(host) || _disposed.IsCancellationRequested)
        {
            return;
        }
        var pool = new HostConnectionPool(
            host, _settings, _control.Version, _options.ConnectionsPerHost, _options, _logger, static (_, _) => { });
        if (!_pools.TryAdd(host.EndPoint, pool))
        {
            await pool.DisposeAsync();
            return;
        }
        Volatile.Write(ref _sortedPools, []);
        await pool.InitializeAsync(cancellationToken);
    }

    private void OnStatusChanged(string change, IPAddress address)
    {
        var host = _topology.Find(address);
        if (host is null)
        {
            return;
        }
        if (_pools.TryGetValue(host.EndPoint, out var pool))
        {
            // A pool knows the state from its own connections; UP only shortens its backoff.
            if (change == "UP")
            {
                pool.ReconnectNow();
            }
            return;
        }
        // Nodes without a pool (other datacenters) take the cluster's word for it.
        host.SetUp(change == "UP");
    }

    /// <summary>
    /// The nodes to try, in order: the up nodes of the local datacenter, rotated per request; then,
    /// when allowed and the consistency is not a LOCAL_* one, the up nodes of other datacenters.
    /// </summary>
    private List<HostConnectionPool> QueryPlan(CqlConsistency consistency)
    {
        var pools = SortedPools();
        var plan = new List<HostConnectionPool>(pools.Length);
        var start = pools.Length > 1 ? (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)pools.Length) : 0;
        for (var i = 0; i < pools.Length; i++)
        {
            var pool = pools[(start + i) % pools.Length];
            if (pool.Host.IsUp && pool.Host.Datacenter == LocalDatacenter)
            {
                plan.Add(pool);
            }
        }
        if (_options.AllowRemoteDatacenters && !consistency.IsDatacenterLocal())
        {
            for (var i = 0; i < pools.Length; i++)
            {
                var pool = pools[(start + i) % pools.Length];
                if (pool.Host.IsUp && pool.Host.Datacenter != LocalDatacenter)
                {
                    plan.Add(pool);
                }
            }
        }
        return plan;
    }

    /// <summary>The pools in a stable order, rebuilt only when pools come or go.</summary>
    private HostConnectionPool[] SortedPools()
    {
        var cached = Volatile.Read(ref _sortedPools);
        if (cached.Length == _pools.Count)
        {
            return cached;
        }
        var sorted = _pools.Values.OrderBy(p => p.Host.EndPoint.ToString(), StringComparer.Ordinal).ToArray();
        Volatile.Write(ref _sortedPools, sorted);
        return sorted;
    }
}
