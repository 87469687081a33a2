namespace ControlPlane.Cql;

/// <summary>Replicas did not answer a read in time (0x1200).</summary>
public sealed class CqlReadTimeoutException : CqlServerException
{
    public CqlReadTimeoutException(string message, CqlConsistency consistency, int received, int blockFor, bool dataPresent, Exception? innerException = null)
        : base(CqlErrorCode.ReadTimeout, message, innerException)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        DataPresent = dataPresent;
    }

    /// <summary>The consistency level of the request.</summary>
    public CqlConsistency Consistency { get; }

    /// <summary>Replicas that answered.</summary>
    public int Received { get; }

    /// <summary>Replicas needed.</summary>
    public int BlockFor { get; }

    /// <summary>Whether the replica asked for data answered.</summary>
    public bool DataPresent { get; }
}
