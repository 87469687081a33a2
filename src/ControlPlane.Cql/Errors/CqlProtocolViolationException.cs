namespace ControlPlane.Cql;

/// <summary>The server sent bytes this client cannot parse as the negotiated protocol.</summary>
public sealed class CqlProtocolViolationException : CqlException
{
    public CqlProtocolViolationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
