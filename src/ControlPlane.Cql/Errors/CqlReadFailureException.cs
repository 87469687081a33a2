namespace ControlPlane.Cql;

/// <summary>Replicas failed a read (0x1300, protocol v4).</summary>
public sealed class CqlReadFailureException : CqlServerException
{
    public CqlReadFailureException(string message, CqlConsistency consistency, int received, int blockFor, int failures, bool dataPresent, Exception? innerException = null)
        : base(CqlErrorCode.ReadFailure, message, innerException)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        DataPresent = dataPresent;
    }

    /// <summary>The consistency level of the request.</summary>
    public CqlConsistency Consistency { get; }

    /// <summary>Replicas that answered.</summary>
    public int Received { get; }

    /// <summary>Replicas needed.</summary>
    public int BlockFor { get; }

    /// <summary>Replicas that failed.</summary>
    public int Failures { get; }

    /// <summary>Whether the replica asked for data answered.</summary>
    public bool DataPresent { get; }
}
