namespace ControlPlane.Cql;

/// <summary>A lightweight transaction (or conditional batch) whose outcome is unknown: the server timed out during Paxos (a write timeout of type CAS), or the answer was lost to a client timeout or a broken connection. It may or may not have been applied; read at SERIAL or LOCAL_SERIAL to find out. It is never reported as success or as a plain failure.</summary>
public sealed class CqlLwtOutcomeUnknownException : CqlException
{
    public CqlLwtOutcomeUnknownException(string message, CqlConsistency? consistency, int received, int blockFor, Exception? innerException = null)
        : base(message, innerException)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
    }

    /// <summary>Consistency of the timed-out write, when the server said.</summary>
    public CqlConsistency? Consistency { get; }

    /// <summary>Acknowledgements received (server timeouts only).</summary>
    public int Received { get; }

    /// <summary>Acknowledgements needed (server timeouts only).</summary>
    public int BlockFor { get; }
}
