namespace ControlPlane.Cql;

/// <summary>Cassandra hit an internal error (0x0000).</summary>
public sealed class CqlServerErrorException : CqlServerException
{
    public CqlServerErrorException(string message, Exception? innerException = null)
        : base(CqlErrorCode.ServerError, message, innerException)
    {
    }
}
