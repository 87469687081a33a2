using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Service;

internal sealed partial class ServiceGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS change for {Service}: {Name} [{Before}] -> [{After}] because {Reason}; provider: {Summary} [{ChangeId}]")]
    private static partial void LogApplied(ILogger logger, string service, string name, string before, string after, string reason, string summary, string changeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNS for {Service}: {Name} still serves [{Published}] after a failed change was given up; nothing changed ({Summary})")]
    private static partial void LogReasserted(ILogger logger, string service, string name, string published, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "DNS change for {Service} ({Name}) failed: {Error} (transient: {Transient}); retrying in {Backoff} s")]
    private static partial void LogApplyFailed(ILogger logger, string service, string name, string error, bool transient, double backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DRY RUN: DNS change for {Service}: {Name} [{Before}] -> [{After}] because {Reason} (not applied) [{ChangeId}]")]
    private static partial void LogDryRun(ILogger logger, string service, string name, string before, string after, string reason, string changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS change for {Service} held: {Reason}")]
    private static partial void LogHeld(ILogger logger, string service, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DNS drift on {Service} ({Name}): {Reason}")]
    private static partial void LogDrift(ILogger logger, string service, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drift check of {Service} could not read the provider: {Error}")]
    private static partial void LogDriftReadFailed(ILogger logger, string service, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service grain {Service} was fenced out (a newer activation wrote its state): deactivating without touching DNS. {Detail}")]
    private static partial void LogFenced(ILogger logger, string service, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Service grain {Service} could not write its state: {Error}; retrying in {Backoff} s")]
    private static partial void LogStoreFailed(ILogger logger, string service, string error, double backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service grain {Service} could not read endpoint {Endpoint} after activation: {Error}")]
    private static partial void LogCatchUpFailed(ILogger logger, string service, string endpoint, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service {Service}: drain of {Endpoint} refused: {Reason}")]
    private static partial void LogDrainRefused(ILogger logger, string service, string endpoint, string reason);
}
