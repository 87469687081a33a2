using System.Net.Http;

namespace ControlPlane.Probing.Connections;

/// <summary>Timestamps of one connection's setup, filled in by <see cref="TargetConnector"/> and read by the executor that asked for them.</summary>
/// <remarks>
/// HTTP requests carry one in their options (<see cref="Key"/>): the transport's connect callback
/// finds it on the request that opened the connection. A reused connection records nothing,
/// which is true: that request spent no time connecting.
/// </remarks>
internal sealed class ConnectPhases(TimeProvider timeProvider)
{
    public static readonly HttpRequestOptionsKey<ConnectPhases> Key = new("ControlPlane.ConnectPhases");

    private long _started;
    private long _connected;
    private long _handshaken;

    public void Started() => _started = timeProvider.GetTimestamp();

    public void Connected() => _connected = timeProvider.GetTimestamp();

    public void Handshaken() => _handshaken = timeProvider.GetTimestamp();

    public TimeSpan? Connect => _started != 0 && _connected != 0 ? timeProvider.GetElapsedTime(_started, _connected) : null;

    public TimeSpan? Tls => _connected != 0 && _handshaken != 0 ? timeProvider.GetElapsedTime(_connected, _handshaken) : null;

    /// <summary>When the connection became usable (after TLS when there was TLS); 0 when none was opened.</summary>
    public long ReadyAt => _handshaken != 0 ? _handshaken : _connected;
}
