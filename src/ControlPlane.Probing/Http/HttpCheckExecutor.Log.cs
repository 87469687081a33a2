using Microsoft.Extensions.Logging;

namespace ControlPlane.Probing.Http;

internal sealed partial class HttpCheckExecutor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, EventName = "HeaderSkipped",
            Message = "Check {CheckId}: request header {HeaderName} cannot be sent on a request without a body; skipped")]
        public static partial void HeaderSkipped(ILogger logger, string checkId, string headerName);
    }
}
