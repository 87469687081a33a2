using Microsoft.Extensions.Logging;

namespace ControlPlane.Dns.Route53.Protocol;

internal sealed partial class Route53Client
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Route 53 {Operation} attempt {Attempt}/{MaxAttempts} failed ({Failure}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string operation, int attempt, int maxAttempts, string failure, double delayMs);
}
