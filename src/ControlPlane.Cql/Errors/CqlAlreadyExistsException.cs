namespace ControlPlane.Cql;

/// <summary>A keyspace or table that a DDL statement creates already exists (0x2400).</summary>
public sealed class CqlAlreadyExistsException : CqlServerException
{
    public CqlAlreadyExistsException(string message, string keyspace, string table, Exception? innerException = null)
        : base(CqlErrorCode.AlreadyExists, message, innerException)
    {
        Keyspace = keyspace;
        Table = table;
    }

    /// <summary>The keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>The table, empty when the keyspace itself exists.</summary>
    public string Table { get; }
}
