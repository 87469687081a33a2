using Microsoft.Extensions.Logging;

namespace ControlPlane.Dns.Route53;

internal sealed partial class Route53DnsProvider
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DNS provider {ProviderId}: {Name}: submitted {Changes} changes in {Requests} requests (change ids {ChangeIds})")]
    private static partial void LogApplied(ILogger logger, string providerId, string name, int changes, int requests, string changeIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS provider {ProviderId}: {Name}: Route 53 refused the batch ({Error}); reading again and re-planning")]
    private static partial void LogReplanning(ILogger logger, string providerId, string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS provider {ProviderId}: {Name}: change {ChangeId} not INSYNC within {TimeoutSeconds} s; it was accepted and will complete")]
    private static partial void LogNotInSync(ILogger logger, string providerId, string name, string changeId, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS provider {ProviderId}: {Name}: could not poll change {ChangeId} ({Failure}); it was accepted")]
    private static partial void LogInSyncUnknown(ILogger logger, string providerId, string name, string changeId, string failure);
}
