namespace ControlPlane.Clustering.Cassandra;

/// <summary>The CQL of the membership table, qualified with its keyspace.</summary>
/// <remarks>
/// One partition per cluster. The table version is a STATIC column of that partition, so one
/// lightweight transaction can condition a member row's write on it (<c>IF version = ?</c>) and bump
/// it in the same Paxos round, and one SELECT returns every row with the version they were read at.
/// </remarks>
internal sealed class MembershipCql(string keyspace)
{
    public const string Table = "membership";

    private const string Columns = "version, address, port, generation, etag, status, silo_name, host_name, proxy_port, suspect_times, start_time, i_am_alive_time";

    private const string SetRow = "version = ?, etag = ?, status = ?, silo_name = ?, host_name = ?, proxy_port = ?, suspect_times = ?, start_time = ?, i_am_alive_time = ?";

    private const string RowKey = "partition_key = ? AND address = ? AND port = ? AND generation = ?";

    /// <summary>
    /// speculative_retry ALWAYS: reads are at QUORUM or SERIAL across datacenters, so every replica is
    /// asked at once and a dead datacenter costs no time even before gossip marks it down.
    /// </summary>
    public string CreateTable => $"""
        CREATE TABLE IF NOT EXISTS {keyspace}.{Table} (
            partition_key text,
            version int STATIC,
            address text,
            port int,
            generation int,
            etag int,
            status int,
            silo_name text,
            host_name text,
            proxy_port int,
            suspect_times text,
            start_time timestamp,
            i_am_alive_time timestamp,
            PRIMARY KEY (partition_key, address, port, generation))
        WITH speculative_retry = 'ALWAYS'
        """;

    public string InitVersion => $"INSERT INTO {keyspace}.{Table} (partition_key, version) VALUES (?, 0) IF NOT EXISTS";

    public string ReadPartition => $"SELECT {Columns} FROM {keyspace}.{Table} WHERE partition_key = ?";

    /// <summary>Values: the row (see <see cref="SetRow"/>), its key, then the expected version. A row exists when its status is set.</summary>
    public string Insert => $"UPDATE {keyspace}.{Table} SET {SetRow} WHERE {RowKey} IF version = ? AND status = null";

    /// <summary>Values: the row, its key, the expected version and the expected row etag (false for a missing row).</summary>
    public string Update => $"UPDATE {keyspace}.{Table} SET {SetRow} WHERE {RowKey} IF version = ? AND etag = ?";

    public string IAmAlive => $"UPDATE {keyspace}.{Table} SET i_am_alive_time = ? WHERE {RowKey}";

    public string DeletePartition => $"DELETE FROM {keyspace}.{Table} WHERE partition_key = ?";

    public string DeleteRow => $"DELETE FROM {keyspace}.{Table} WHERE {RowKey}";
}
