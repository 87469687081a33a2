using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Model;
using ControlPlane.Probing.Connections;

namespace ControlPlane.Probing.Tcp;

/// <summary>Runs TCP checks: the target passes when a TCP connection opens within the connect timeout; it is closed at once.</summary>
internal sealed class TcpCheckExecutor(TargetConnector connector, TimeProvider timeProvider) : ICheckExecutor
{
    public CheckKind Kind => CheckKind.Tcp;

    public async ValueTask<CheckResult> ExecuteAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            using var socket = await connector.ConnectAsync(target.Address, target.Port, target.Check.ConnectTimeout, cancellationToken);
        }
        catch (ProbeConnectException exception)
        {
            return exception.ToResult();
        }

        return new CheckResult(
            ObservationOutcome.Success,
            string.Create(
                CultureInfo.InvariantCulture,
                $"connected to {DetailText.Endpoint(target.Address, target.Port)} in {DetailText.Milliseconds(timeProvider.GetElapsedTime(started))} ms"));
    }
}
