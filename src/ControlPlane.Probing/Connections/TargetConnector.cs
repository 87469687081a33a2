using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Scheduling;

namespace ControlPlane.Probing.Connections;

/// <summary>Opens TCP (and TLS) connections to a target address within a connect timeout.</summary>
/// <remarks>
/// The connect timeout covers the TCP handshake and, for TLS, the TLS handshake too, measured
/// on the injected <see cref="TimeProvider"/> (an entry of its <see cref="TimerWheel"/>). Failures of the target are thrown as
/// <see cref="ProbeConnectException"/> with a human-readable detail; cancellation of
/// <c>cancellationToken</c> is thrown as <see cref="OperationCanceledException"/>.
/// Revocation is not checked: CRL and OCSP fetches would make a probe's result depend on a
/// third party's availability.
/// </remarks>
internal sealed class TargetConnector(TimeProvider timeProvider)
{
    /// <summary>Opens a TCP connection; the caller owns the socket.</summary>
    public async ValueTask<Socket> ConnectAsync(IPAddress address, int port, TimeSpan connectTimeout, CancellationToken cancellationToken, ConnectPhases? phases = null)
    {
        using var limit = TimerWheel.For(timeProvider).StartDeadline(connectTimeout);
        using var registration = Link(cancellationToken, limit);
        phases?.Started();
        var socket = await ConnectCoreAsync(address, port, connectTimeout, limit.Token, cancellationToken);
        phases?.Connected();
        return socket;
    }

    /// <summary>Opens a TCP connection and completes a TLS handshake as client; the caller owns the stream.</summary>
    public async ValueTask<SslStream> ConnectTlsAsync(
        IPAddress address,
        int port,
        string serverName,
        bool validateCertificate,
        List<SslApplicationProtocol>? applicationProtocols,
        TimeSpan connectTimeout,
        CancellationToken cancellationToken,
        ConnectPhases? phases = null)
    {
        using var limit = TimerWheel.For(timeProvider).StartDeadline(connectTimeout);
        using var registration = Link(cancellationToken, limit);
        phases?.Started();
        var socket = await ConnectCoreAsync(address, port, connectTimeout, limit.Token, cancellationToken);
        phases?.Connected();

        var observer = new TlsHandshakeObserver(serverName, validateCertificate);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            ApplicationProtocols = applicationProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = observer.Validate,
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, limit.Token);
            phases?.Handshaken();
            return tls;
        }
        catch (Exception exception)
        {
            await tls.DisposeAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var endpoint = DetailText.Endpoint(address, port);
            if (exception is OperationCanceledException)
            {
                throw new ProbeConnectException(
                    ObservationOutcome.ConnectFailed,
                    $"TLS handshake with {endpoint} not complete within {DetailText.Milliseconds(connectTimeout)} ms (connect timeout)",
                    observer.ExpiresAt);
            }

            if (exception is AuthenticationException && observer.Rejection is { } rejection)
            {
                throw new ProbeConnectException(ObservationOutcome.CertificateInvalid, rejection, observer.ExpiresAt);
            }

            if (exception is AuthenticationException or IOException)
            {
                throw new ProbeConnectException(
                    ObservationOutcome.Error,
                    $"TLS handshake with {endpoint} failed: {DetailText.Cause(exception)}",
                    observer.ExpiresAt);
            }

            throw;
        }
    }

    private static async ValueTask<Socket> ConnectCoreAsync(
        IPAddress address, int port, TimeSpan connectTimeout, CancellationToken limit, CancellationToken cancellationToken)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), limit);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ProbeConnectException(
                ObservationOutcome.ConnectFailed,
                $"connect to {DetailText.Endpoint(address, port)} not complete within {DetailText.Milliseconds(connectTimeout)} ms (connect timeout)");
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new ProbeConnectException(ObservationOutcome.ConnectFailed, Describe(exception, address, port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Describe(SocketException exception, IPAddress address, int port)
    {
        var endpoint = DetailText.Endpoint(address, port);
        return exception.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"connect to {endpoint} refused",
            SocketError.TimedOut => $"connect to {endpoint} timed out (no answer to SYN)",
            SocketError.NetworkUnreachable => $"connect to {endpoint} failed: network unreachable",
            SocketError.HostUnreachable => $"connect to {endpoint} failed: host unreachable",
            SocketError.AddressNotAvailable => $"connect to {endpoint} failed: address not available",
            _ => $"connect to {endpoint} failed: {exception.Message}",
        };
    }

    private static CancellationTokenRegistration Link(CancellationToken cancellationToken, TimerWheel.Deadline limit) =>
        cancellationToken.UnsafeRegister(static state => ((TimerWheel.Deadline)state!).Cancel(), limit);
}
