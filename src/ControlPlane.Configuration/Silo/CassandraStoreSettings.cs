namespace ControlPlane.Configuration.Silo;

/// <summary>The Cassandra store: where to connect and how the keyspace is replicated.</summary>
public sealed record CassandraStoreSettings
{
    /// <summary>IP addresses or host names of the nodes to connect to first.</summary>
    public required IReadOnlyList<string> ContactPoints { get; init; }

    /// <summary>Native protocol port. Default 9042.</summary>
    public int Port { get; init; } = 9042;

    /// <summary>The Cassandra datacenter this silo reads and writes at LOCAL_QUORUM.</summary>
    public required string LocalDatacenter { get; init; }

    public required string Keyspace { get; init; }

    /// <summary>Replication factor per Cassandra datacenter (NetworkTopologyStrategy).</summary>
    public required IReadOnlyDictionary<string, int> Replication { get; init; }

    /// <summary>Default: no authentication.</summary>
    public string? Username { get; init; }

    /// <summary>Absolute path of a file holding the password; the password itself never appears in settings.</summary>
    public string? PasswordFile { get; init; }
}
