using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using ControlPlane.Core.Assertions;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Assertions;
using ControlPlane.Probing.Connections;
using global::Grpc.Core;
using global::Grpc.Health.V1;
using global::Grpc.Net.Client;

namespace ControlPlane.Probing.Grpc;

/// <summary>Runs gRPC checks: <c>grpc.health.v1.Health/Check</c> for one service name, over h2c or TLS.</summary>
/// <remarks>
/// Each check opens its own connection (a channel is cheap; a fresh connection is what Route 53
/// style checks measure) through <see cref="TargetConnector"/>, which dials the endpoint's
/// address and, for TLS, does the handshake with ALPN <c>h2</c>, the endpoint's host name as SNI
/// and the certificate rules of HTTPS checks. The channel then speaks HTTP/2 over that stream
/// (the handler uses an <c>SslStream</c> from the callback as it is).
/// Without conditions the check passes when the answer is <c>SERVING</c>.
/// </remarks>
internal sealed class GrpcHealthCheckExecutor(TargetConnector connector, TimeProvider timeProvider) : ICheckExecutor
{
    private static readonly List<SslApplicationProtocol> Http2Only = [SslApplicationProtocol.Http2];
    private static readonly IReadOnlyList<Condition> DefaultConditions = [ConditionParser.Parse("[GRPC_STATUS] == SERVING", ConditionScope.Grpc)];
    private static readonly GrpcCheckDefinition Defaults = new();

    public CheckKind Kind => CheckKind.Grpc;

    public async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var check = target.Check;
        var grpc = check.Grpc ?? Defaults;
        var host = target.HostName ?? target.Address.ToString();
        var phases = new ConnectPhases(timeProvider);
        ProbeConnectException? connectFailure = null;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ActivityHeadersPropagator = null,
            ConnectCallback = async (_, token) =>
            {
                try
                {
                    if (!grpc.Tls)
                    {
                        return new NetworkStream(await connector.ConnectAsync(target.Address, target.Port, check.ConnectTimeout, token, phases), ownsSocket: true);
                    }

                    return await connector.ConnectTlsAsync(target.Address, target.Port, host, grpc.ValidateCertificate, Http2Only, check.ConnectTimeout, token, phases);
                }
                catch (ProbeConnectException e)
                {
                    connectFailure = e;
                    throw;
                }
            },
        };
        var authority = target.HostName is null ? DetailText.Endpoint(target.Address, target.Port) : string.Create(CultureInfo.InvariantCulture, $"{host}:{target.Port}");
        // With https the handler keeps the SslStream the callback returns (no second handshake) and sends :scheme https.
        using var channel = GrpcChannel.ForAddress($"{(grpc.Tls ? "https" : "http")}://{authority}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        var client = new Health.HealthClient(channel);
        var service = grpc.Service.Length == 0 ? "the server" : $"service '{grpc.Service}'";
        HealthCheckResponse reply;
        try
        {
            reply = await client.CheckAsync(new HealthCheckRequest { Service = grpc.Service }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            if (connectFailure is not null)
            {
                return connectFailure.ToResult();
            }

            return e.StatusCode switch
            {
                StatusCode.NotFound => new CheckResult(ObservationOutcome.AssertionFailed, $"{service} is unknown to the health service (NOT_FOUND)"),
                StatusCode.Unimplemented => new CheckResult(ObservationOutcome.Error, "the server does not implement grpc.health.v1.Health"),
                StatusCode.DeadlineExceeded => new CheckResult(ObservationOutcome.Timeout, "health check deadline exceeded"),
                _ => new CheckResult(ObservationOutcome.Error, $"health check of {service} failed: {e.StatusCode} {e.Status.Detail}"),
            };
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        var status = reply.Status switch
        {
            HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
            HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
            HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
            _ => "UNKNOWN",
        };
        var timings = new PhaseTimings(null, phases.Connect, phases.Tls, null);
        using var inputs = new ConditionInputs { GrpcStatus = status, ResponseTime = elapsed, Connected = true };
        var conditions = check.Assertions.Count > 0 ? check.Assertions : DefaultConditions;
        if (ConditionChecks.FirstFailure(conditions, inputs) is { } failure)
        {
            return new CheckResult(failure.Outcome, $"{service}: {failure.Detail}") { Phases = timings };
        }

        return new CheckResult(ObservationOutcome.Success, string.Create(CultureInfo.InvariantCulture, $"{service} is {status} ({DetailText.Milliseconds(elapsed)} ms)")) { Phases = timings };
    }
}
