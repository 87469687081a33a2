using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ControlPlane.Probing.Connections;

namespace ControlPlane.Probing.Http;

/// <summary>How every HTTP check sends its request: over a fresh connection of its own (<see cref="FreshConnectionClient"/>), or through one shared pooling handler.</summary>
/// <remarks>
/// Pooled requests go to <c>http://r{id}/path</c> where <c>r{id}</c> names a <see cref="ConnectionRoute"/>;
/// <see cref="ConnectAsync"/> dials the route's address directly (never DNS) and, for HTTPS,
/// does the TLS handshake itself so that the per-check connect timeout covers it, the server
/// name comes from the check, and the peer certificate's expiry is recorded on the route. The
/// handler then speaks plain HTTP/1.1 over the returned stream. Fresh-connection requests never
/// touch the handler, so they can never pick up a pooled check's idle connection; they dial the
/// same way (same connector, same route) and carry <c>Connection: close</c>.
/// </remarks>
internal sealed class HttpProbeTransport : IDisposable
{
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    private readonly TargetConnector _connector;
    private readonly FreshConnectionClient _fresh;

    public HttpProbeTransport(TargetConnector connector, ProbeEngineOptions options)
    {
        _connector = connector;
        _fresh = new FreshConnectionClient(connector, options);
        Pooled = new HttpMessageInvoker(
            CreateHandler(options.PooledConnectionLifetime, options.PooledConnectionIdleTimeout), disposeHandler: true);
    }

    public ConnectionRouteTable Routes { get; } = new();

    /// <summary>For checks that reuse connections.</summary>
    public HttpMessageInvoker Pooled { get; }

    /// <summary>Sends <paramref name="request"/> (its URI from <paramref name="route"/>) over a new connection, or a pooled one.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, ConnectionRouteState route, bool freshConnection, CancellationToken cancellationToken) =>
        freshConnection ? _fresh.SendAsync(request, route, cancellationToken) : Pooled.SendAsync(request, cancellationToken);

    public void Dispose() => Pooled.Dispose();

    private SocketsHttpHandler CreateHandler(TimeSpan lifetime, TimeSpan idleTimeout) => new()
    {
        ConnectCallback = ConnectAsync,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = lifetime,
        PooledConnectionIdleTimeout = idleTimeout,
        ActivityHeadersPropagator = null,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var state = Routes.Find(context.DnsEndPoint.Host)
            ?? throw new InvalidOperationException($"unknown probe route '{context.DnsEndPoint.Host}'");
        var route = state.Route;
        context.InitialRequestMessage.Options.TryGetValue(ConnectPhases.Key, out var phases);
        if (!route.Tls)
        {
            var socket = await _connector.ConnectAsync(route.Address, route.Port, route.ConnectTimeout, cancellationToken, phases);
            return new NetworkStream(socket, ownsSocket: true);
        }

        var tls = await _connector.ConnectTlsAsync(
            route.Address,
            route.Port,
            route.ServerName!,
            route.ValidateCertificate,
            Http11Only,
            route.ConnectTimeout,
            cancellationToken,
            phases);
        state.RecordCertificateExpiry(TlsHandshakeObserver.ExpiryOf(tls.RemoteCertificate));
        return tls;
    }
}
