namespace ControlPlane.Cql;

/// <summary>An ERROR response from Cassandra; subclasses carry the details of each error code.</summary>
public class CqlServerException : CqlException
{
    public CqlServerException(CqlErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The protocol error code.</summary>
    public CqlErrorCode Code { get; }
}
