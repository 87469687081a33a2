namespace ControlPlane.Clustering.Sqlite;

/// <summary>The SQL of the SQLite membership table. Times are Unix milliseconds (UTC), as in the embedded store.</summary>
/// <remarks>
/// The version lives in its own table, one row per cluster key, so the check of the version and the
/// write of the row happen in one transaction; the table names cannot clash with the embedded store's
/// (which has a <c>silos</c> table of its own) when both share a file.
/// </remarks>
internal static class SqliteMembershipSql
{
    public const string CreateSchema = """
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            cluster_key TEXT    PRIMARY KEY,
            version     INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS orleans_membership (
            cluster_key     TEXT    NOT NULL,
            address         TEXT    NOT NULL,
            port            INTEGER NOT NULL,
            generation      INTEGER NOT NULL,
            etag            INTEGER NOT NULL,
            status          INTEGER NOT NULL,
            silo_name       TEXT,
            host_name       TEXT,
            proxy_port      INTEGER NOT NULL,
            suspect_times   TEXT,
            start_time      INTEGER NOT NULL,
            i_am_alive_time INTEGER NOT NULL,
            PRIMARY KEY (cluster_key, address, port, generation));
        """;

    public const string InitVersion = "INSERT OR IGNORE INTO orleans_membership_version (cluster_key, version) VALUES ($key, 0)";

    public const string ReadVersion = "SELECT version FROM orleans_membership_version WHERE cluster_key = $key";

    public const string SetVersion = "UPDATE orleans_membership_version SET version = $version WHERE cluster_key = $key";

    public const string ReadRows = """
        SELECT address, port, generation, etag, status, silo_name, host_name, proxy_port, suspect_times, start_time, i_am_alive_time
        FROM orleans_membership WHERE cluster_key = $key
        """;

    public const string RowKey = "cluster_key = $key AND address = $address AND port = $port AND generation = $generation";

    public const string ReadRow = ReadRows + " AND address = $address AND port = $port AND generation = $generation";

    public const string RowExists = "SELECT 1 FROM orleans_membership WHERE " + RowKey;

    public const string InsertRow = """
        INSERT INTO orleans_membership (cluster_key, address, port, generation, etag, status, silo_name, host_name, proxy_port, suspect_times, start_time, i_am_alive_time)
        VALUES ($key, $address, $port, $generation, $version, $status, $silo_name, $host_name, $proxy_port, $suspect_times, $start_time, $i_am_alive_time)
        """;

    public const string UpdateRow = """
        UPDATE orleans_membership SET etag = $version, status = $status, silo_name = $silo_name, host_name = $host_name, proxy_port = $proxy_port,
            suspect_times = $suspect_times, start_time = $start_time, i_am_alive_time = $i_am_alive_time
        WHERE 
        """ + RowKey + " AND etag = $etag";

    public const string IAmAlive = "UPDATE orleans_membership SET i_am_alive_time = $i_am_alive_time WHERE " + RowKey;

    public const string DeleteCluster = """
        DELETE FROM orleans_membership WHERE cluster_key = $key;
        DELETE FROM orleans_membership_version WHERE cluster_key = $key;
        """;

    /// <summary>SiloStatus.Active is 3.</summary>
    public const string DeleteDefunct = "DELETE FROM orleans_membership WHERE cluster_key = $key AND status <> 3 AND i_am_alive_time < $before";
}
