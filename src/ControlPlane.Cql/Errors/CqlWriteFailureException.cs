namespace ControlPlane.Cql;

/// <summary>Replicas failed a write (0x1500, protocol v4).</summary>
public sealed class CqlWriteFailureException : CqlServerException
{
    public CqlWriteFailureException(string message, CqlConsistency consistency, int received, int blockFor, int failures, CqlWriteType writeType, Exception? innerException = null)
        : base(CqlErrorCode.WriteFailure, message, innerException)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        WriteType = writeType;
    }

    /// <summary>The consistency level of the request.</summary>
    public CqlConsistency Consistency { get; }

    /// <summary>Replicas that acknowledged.</summary>
    public int Received { get; }

    /// <summary>Replicas needed.</summary>
    public int BlockFor { get; }

    /// <summary>Replicas that failed.</summary>
    public int Failures { get; }

    /// <summary>The kind of write.</summary>
    public CqlWriteType WriteType { get; }
}
