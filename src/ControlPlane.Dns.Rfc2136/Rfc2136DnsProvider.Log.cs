using Microsoft.Extensions.Logging;

namespace ControlPlane.Dns.Rfc2136;

internal sealed partial class Rfc2136DnsProvider
{
    [LoggerMessage(EventId = 2136_01, Level = LogLevel.Information, Message = "DNS provider {ProviderId}: updated {Name}: {Changes} (zone serial {Serial})")]
    private static partial void LogApplied(ILogger logger, string providerId, string name, string changes, uint? serial);

    [LoggerMessage(EventId = 2136_02, Level = LogLevel.Debug, Message = "DNS provider {ProviderId}: {Name} already up to date")]
    private static partial void LogUnchanged(ILogger logger, string providerId, string name);

    [LoggerMessage(EventId = 2136_03, Level = LogLevel.Warning, Message = "DNS provider {ProviderId}: drift at {Name}: expected {Expected}, server had {Actual} ({Rcode}); retrying against the actual state")]
    private static partial void LogDrift(ILogger logger, string providerId, string name, string expected, string actual, string rcode);

    [LoggerMessage(EventId = 2136_04, Level = LogLevel.Warning, Message = "DNS provider {ProviderId}: {Operation} of {Name} answered with {Rcode}")]
    private static partial void LogRefused(ILogger logger, string providerId, string operation, string name, string rcode);
}
