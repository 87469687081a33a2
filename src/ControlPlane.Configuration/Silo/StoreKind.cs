namespace ControlPlane.Configuration.Silo;

/// <summary>Which storage backend holds the silo's state.</summary>
public enum StoreKind
{
    /// <summary>Embedded, one silo on one machine. The default.</summary>
    Sqlite,

    /// <summary>Apache Cassandra, replicated across datacenters.</summary>
    Cassandra,
}
