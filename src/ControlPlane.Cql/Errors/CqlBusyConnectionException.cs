namespace ControlPlane.Cql;

/// <summary>Every stream id of a connection is in use (too many requests in flight).</summary>
public sealed class CqlBusyConnectionException : CqlException
{
    public CqlBusyConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
