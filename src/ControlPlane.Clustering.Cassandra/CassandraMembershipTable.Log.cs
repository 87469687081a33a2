using Microsoft.Extensions.Logging;

namespace ControlPlane.Clustering.Cassandra;

internal sealed partial class CassandraMembershipTable
{
    /// <summary>Log messages of the Cassandra membership table and its schema.</summary>
    internal static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Membership table connected to Cassandra keyspace {Keyspace} for cluster partition {Partition} (datacenter {Datacenter}, native protocol v{Version})")]
        public static partial void Connected(ILogger logger, string keyspace, string partition, string datacenter, int version);

        [LoggerMessage(2, LogLevel.Information, "Keyspace {Keyspace}: creating the membership table (this silo holds schema claim {Claim})")]
        public static partial void CreatingTable(ILogger logger, string keyspace, string claim);

        [LoggerMessage(3, LogLevel.Warning, "Keyspace {Keyspace}: the nodes did not agree on the schema in time after: {Cql}")]
        public static partial void NoSchemaAgreement(ILogger logger, string keyspace, string cql);

        [LoggerMessage(4, LogLevel.Information, "Keyspace {Keyspace}: DDL attempt {Attempt} failed ({Reason}); retrying (a keyspace created concurrently can briefly look missing)")]
        public static partial void DdlRetried(ILogger logger, string keyspace, int attempt, string reason);

        [LoggerMessage(5, LogLevel.Warning, "Membership {Operation} of {Silo} at version {Version}: the outcome of the lightweight transaction is unknown ({Reason}); re-reading at SERIAL")]
        public static partial void OutcomeUnknown(ILogger logger, string operation, string silo, int version, string reason);

        [LoggerMessage(6, LogLevel.Information, "Membership {Operation} of {Silo} at version {Version}: the SERIAL re-read shows the write {Outcome}")]
        public static partial void OutcomeResolved(ILogger logger, string operation, string silo, int version, string outcome);

        [LoggerMessage(7, LogLevel.Warning, "Membership {Operation} of {Silo} at version {Version}: the SERIAL re-read failed too ({Reason}); answering false, so Orleans re-reads the table and tries again")]
        public static partial void OutcomeUnresolved(ILogger logger, string operation, string silo, int version, string reason);

        [LoggerMessage(8, LogLevel.Information, "Membership cleanup: deleted {Count} defunct silo row(s) of partition {Partition} last alive before {Before}")]
        public static partial void DefunctDeleted(ILogger logger, int count, string partition, DateTimeOffset before);

        [LoggerMessage(9, LogLevel.Warning, "Membership partition {Partition}: skipped a row of {Silo} without a status (an IAmAlive write to a row that was deleted)")]
        public static partial void GhostRowSkipped(ILogger logger, string partition, string silo);
    }
}
