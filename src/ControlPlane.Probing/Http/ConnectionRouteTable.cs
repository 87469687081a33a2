using System.Collections.Concurrent;

namespace ControlPlane.Probing.Http;

/// <summary>Gives each distinct <see cref="ConnectionRoute"/> a stable synthetic host name, and finds the route again by that name.</summary>
/// <remarks>
/// The shared <see cref="System.Net.Http.SocketsHttpHandler"/> pools connections by request URI
/// host and hands a new connection to whichever queued request is first, not necessarily the one
/// that opened it. Putting the whole route (address, port, TLS, server name, validation, connect
/// timeout) into the URI host means a connection is only ever used by checks that would have set
/// it up identically, and the connect callback reads the route from the pool's host name rather
/// than from the request that happened to trigger it. Entries live as long as the engine; their
/// number is bounded by the distinct endpoint/check combinations in the cluster definition.
/// </remarks>
internal sealed class ConnectionRouteTable
{
    private readonly ConcurrentDictionary<ConnectionRoute, ConnectionRouteState> _byRoute = new();
    private readonly ConcurrentDictionary<string, ConnectionRouteState> _byHostLabel = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _addLock = new();
    private int _nextId;

    public int Count => _byRoute.Count;

    public ConnectionRouteState GetOrAdd(in ConnectionRoute route)
    {
        if (_byRoute.TryGetValue(route, out var state))
        {
            return state;
        }

        lock (_addLock)
        {
            if (!_byRoute.TryGetValue(route, out state))
            {
                state = new ConnectionRouteState(route, ++_nextId);
                _byHostLabel[state.HostLabel] = state;
                _byRoute[route] = state;
            }

            return state;
        }
    }

    public ConnectionRouteState? Find(string hostLabel) =>
        _byHostLabel.TryGetValue(hostLabel, out var state) ? state : null;
}
