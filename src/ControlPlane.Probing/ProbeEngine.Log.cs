using System.Net;
using ControlPlane.Core.Model;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing;

public sealed partial class ProbeEngine
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, EventName = "CheckFailed",
            Message = "Check {CheckId} of endpoint {EndpointId} from {Region} failed: {Outcome}: {Detail}")]
        public static partial void CheckFailed(ILogger logger, string checkId, string endpointId, string region, ObservationOutcome outcome, string detail);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, EventName = "LinkLocalRefused",
            Message = "Check {CheckId} of endpoint {EndpointId} targets link-local address {Address}; refused because link-local targets are not allowed")]
        public static partial void LinkLocalRefused(ILogger logger, string checkId, string endpointId, IPAddress address);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, EventName = "CheckCrashed",
            Message = "Check {CheckId} of endpoint {EndpointId} threw an unexpected exception; reported as an Error observation")]
        public static partial void CheckCrashed(ILogger logger, string checkId, string endpointId, Exception exception);
    }
}
