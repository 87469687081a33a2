using System.Net;

namespace ControlPlane.Cql;

/// <summary>A node of the cluster as the client sees it.</summary>
public sealed class CqlHost
{
    private long _requests;
    private int _up;

    internal CqlHost(IPEndPoint endPoint, string datacenter, string rack)
    {
        EndPoint = endPoint;
        Datacenter = datacenter;
        Rack = rack;
    }

    /// <summary>Native protocol address.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Datacenter, from system.local / system.peers.</summary>
    public string Datacenter { get; internal set; }

    /// <summary>Rack.</summary>
    public string Rack { get; internal set; }

    /// <summary>Cassandra version the node reports.</summary>
    public string? ReleaseVersion { get; internal set; }

    /// <summary>Whether the client currently has a working connection to it (or has not tried yet).</summary>
    public bool IsUp => Volatile.Read(ref _up) == 1;

    /// <summary>Requests this client sent to the node as coordinator.</summary>
    public long RequestsSent => Interlocked.Read(ref _requests);

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>Sets the state; returns true when it changed.</summary>
    internal bool SetUp(bool up) => Interlocked.Exchange(ref _up, up ? 1 : 0) != (up ? 1 : 0);

    public override string ToString() => $"{EndPoint} ({Datacenter}/{Rack}, {(IsUp ? "up" : "down")})";
}
