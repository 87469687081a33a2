namespace ControlPlane.Cql;

/// <summary>The statement is syntactically valid but invalid (0x2200).</summary>
public sealed class CqlInvalidQueryException : CqlServerException
{
    public CqlInvalidQueryException(string message, Exception? innerException = null)
        : base(CqlErrorCode.Invalid, message, innerException)
    {
    }
}
