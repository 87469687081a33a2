using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using ControlPlane.Probing.Connections;

namespace ControlPlane.Probing.Http;

/// <summary>Sends one request over a new connection that is closed afterwards: HTTP/1.1 written and read directly, no <see cref="HttpClient"/>.</summary>
/// <remarks>
/// A fresh-connection check needs nothing of a connection pool, yet <see cref="SocketsHttpHandler"/>
/// sets one up per connection (pool entry, connection object, its buffers and timers) and then tears
/// it down again; on this path it was about half of a check's CPU. Here a check is one connect (and
/// TLS handshake), one write, reads into one pooled buffer until the response is complete (body up to
/// <see cref="ProbeEngineOptions.MaxBodyBytes"/>), then close. The result is an ordinary
/// <see cref="HttpResponseMessage"/>, so the assertions do not care which path produced it. Connect
/// failures arrive as an <see cref="HttpRequestException"/> wrapping the
/// <see cref="ProbeConnectException"/>, as they do from the handler.
/// </remarks>
internal sealed class FreshConnectionClient(TargetConnector connector, ProbeEngineOptions options)
{
    private static readonly List<SslApplicationProtocol> Http11Only = [SslApplicationProtocol.Http11];

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, ConnectionRouteState state, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(512);
        await Http11RequestWriter.WriteAsync(request, output, cancellationToken);

        Stream stream;
        try
        {
            request.Options.TryGetValue(ConnectPhases.Key, out var phases);
            stream = await OpenAsync(state, phases, cancellationToken);
        }
        catch (ProbeConnectException exception)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, exception.Message, exception);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            await stream.WriteAsync(output.WrittenMemory, cancellationToken);
            var reader = new Http11ResponseReader(stream, buffer);
            var response = await reader.ReadAsync(request.Method == HttpMethod.Head, options.MaxBodyBytes, cancellationToken);
            response.RequestMessage = request;
            return response;
        }
        catch (Exception exception) when (exception is IOException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, DetailText.Cause(exception), exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await stream.DisposeAsync();
        }
    }

    private async ValueTask<Stream> OpenAsync(ConnectionRouteState state, ConnectPhases? phases, CancellationToken cancellationToken)
    {
        var route = state.Route;
        if (!route.Tls)
        {
            var socket = await connector.ConnectAsync(route.Address, route.Port, route.ConnectTimeout, cancellationToken, phases);
            return new NetworkStream(socket, ownsSocket: true);
        }

        var tls = await connector.ConnectTlsAsync(
            route.Address, route.Port, route.ServerName!, route.ValidateCertificate, Http11Only, route.ConnectTimeout, cancellationToken, phases);
        state.RecordCertificateExpiry(TlsHandshakeObserver.ExpiryOf(tls.RemoteCertificate));
        return tls;
    }
}
