using System.Collections.Concurrent;
using System.Net;

namespace ControlPlane.Cql.Connections;

/// <summary>The nodes of the cluster and their datacenters, as read from system.local and system.peers.</summary>
internal sealed class ClusterTopology
{
    private readonly ConcurrentDictionary<IPEndPoint, CqlHost> _hosts = new();
    private readonly int _port;

    public ClusterTopology(int port)
    {
        _port = port;
    }

    /// <summary>The client's local datacenter (set once the first node was read).</summary>
    public string LocalDatacenter { get; set; } = string.Empty;

    public ICollection<CqlHost> Hosts => _hosts.Values;

    /// <summary>Raised for a node seen for the first time.</summary>
    public event Action<CqlHost>? HostAdded;

    /// <summary>Raised for a node that left the cluster.</summary>
    public event Action<CqlHost>? HostRemoved;

    public CqlHost? Find(IPAddress address) => _hosts.GetValueOrDefault(new IPEndPoint(address, _port));

    /// <summary>Applies one node's row; returns the host.</summary>
    public CqlHost Upsert(IPAddress address, string datacenter, string rack, string? releaseVersion)
    {
        var endPoint = new IPEndPoint(address, _port);
        var added = false;
        var host = _hosts.GetOrAdd(endPoint, ep =>
        {
            added = true;
            var created = new CqlHost(ep, datacenter, rack);
            created.SetUp(true);
            return created;
        });
        host.Datacenter = datacenter;
        host.Rack = rack;
        host.ReleaseVersion = releaseVersion;
        if (added)
        {
            HostAdded?.Invoke(host);
        }
        return host;
    }

    /// <summary>Removes the nodes not in <paramref name="present"/>.</summary>
    public void RemoveAllBut(IReadOnlyCollection<IPEndPoint> present)
    {
        foreach (var endPoint in _hosts.Keys)
        {
            if (!present.Contains(endPoint) && _hosts.TryRemove(endPoint, out var host))
            {
                HostRemoved?.Invoke(host);
            }
        }
    }
}
