namespace ControlPlane.Cql;

/// <summary>Too few replicas were alive to even try the request (0x1000); nothing was written.</summary>
public sealed class CqlUnavailableException : CqlServerException
{
    public CqlUnavailableException(string message, CqlConsistency consistency, int required, int alive, Exception? innerException = null)
        : base(CqlErrorCode.Unavailable, message, innerException)
    {
        Consistency = consistency;
        Required = required;
        Alive = alive;
    }

    /// <summary>The consistency level of the request.</summary>
    public CqlConsistency Consistency { get; }

    /// <summary>Replicas the consistency level needs.</summary>
    public int Required { get; }

    /// <summary>Replicas the coordinator believed alive.</summary>
    public int Alive { get; }
}
