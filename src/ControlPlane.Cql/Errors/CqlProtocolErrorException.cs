namespace ControlPlane.Cql;

/// <summary>The server judged the request a protocol violation (0x000A).</summary>
public sealed class CqlProtocolErrorException : CqlServerException
{
    public CqlProtocolErrorException(string message, Exception? innerException = null)
        : base(CqlErrorCode.ProtocolError, message, innerException)
    {
    }
}
