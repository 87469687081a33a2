using Microsoft.Extensions.Logging;

namespace ControlPlane.Storage.Cassandra;

/// <summary>Log messages of the Cassandra store.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Keyspace {Keyspace}: creating the missing tables (this silo holds schema claim {Claim})")]
    public static partial void CreatingSchema(ILogger logger, string keyspace, string claim);

    [LoggerMessage(2, LogLevel.Warning, "Keyspace {Keyspace}: the nodes did not agree on the schema in time after: {Cql}")]
    public static partial void NoSchemaAgreement(ILogger logger, string keyspace, string cql);

    [LoggerMessage(3, LogLevel.Warning, "Keyspace {Keyspace} is replicated as {{{Actual}}} but the settings say {{{Expected}}}; it is not altered (that needs a repair): change it by hand if the settings are right")]
    public static partial void ReplicationDiffers(ILogger logger, string keyspace, string actual, string expected);

    [LoggerMessage(4, LogLevel.Warning, "Grain {Grain}: the outcome of a conditional {Operation} is unknown ({Reason}); the row read at SERIAL says: {Resolution}")]
    public static partial void OutcomeUnknown(ILogger logger, string grain, string operation, string reason, string resolution);

    [LoggerMessage(5, LogLevel.Warning, "Audit index rows of {Grain} could not be written ({Reason}); they stay in the grain's outbox and are written again by its next write or read")]
    public static partial void IndexWriteFailed(ILogger logger, string grain, string reason);

    [LoggerMessage(6, LogLevel.Information, "Connected to Cassandra keyspace {Keyspace} in datacenter {Datacenter} (native protocol v{Version})")]
    public static partial void Connected(ILogger logger, string keyspace, string datacenter, int version);
}
