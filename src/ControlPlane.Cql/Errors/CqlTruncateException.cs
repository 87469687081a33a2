namespace ControlPlane.Cql;

/// <summary>A TRUNCATE failed (0x1003).</summary>
public sealed class CqlTruncateException : CqlServerException
{
    public CqlTruncateException(string message, Exception? innerException = null)
        : base(CqlErrorCode.TruncateError, message, innerException)
    {
    }
}
