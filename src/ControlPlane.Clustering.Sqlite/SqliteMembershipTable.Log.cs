using Microsoft.Extensions.Logging;

namespace ControlPlane.Clustering.Sqlite;

internal sealed partial class SqliteMembershipTable
{
    /// <summary>Log messages of the SQLite membership table.</summary>
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SQLite membership table ready for cluster key {Key}")]
        public static partial void Initialized(ILogger logger, string key);

        [LoggerMessage(2, LogLevel.Information, "Membership cleanup: deleted {Count} defunct silo row(s) of cluster key {Key} last alive before {Before}")]
        public static partial void DefunctDeleted(ILogger logger, int count, string key, DateTimeOffset before);
    }
}
