namespace ControlPlane.Cql;

/// <summary>Replicas did not acknowledge a write in time (0x1100); the write may or may not have been applied.</summary>
public sealed class CqlWriteTimeoutException : CqlServerException
{
    public CqlWriteTimeoutException(string message, CqlConsistency consistency, int received, int blockFor, CqlWriteType writeType, Exception? innerException = null)
        : base(CqlErrorCode.WriteTimeout, message, innerException)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        WriteType = writeType;
    }

    /// <summary>The consistency level of the request.</summary>
    public CqlConsistency Consistency { get; }

    /// <summary>Replicas that acknowledged.</summary>
    public int Received { get; }

    /// <summary>Replicas needed.</summary>
    public int BlockFor { get; }

    /// <summary>The kind of write (SIMPLE, BATCH, CAS, ...).</summary>
    public CqlWriteType WriteType { get; }
}
