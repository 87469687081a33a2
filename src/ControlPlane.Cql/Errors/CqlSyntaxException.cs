namespace ControlPlane.Cql;

/// <summary>The statement is not valid CQL (0x2000).</summary>
public sealed class CqlSyntaxException : CqlServerException
{
    public CqlSyntaxException(string message, Exception? innerException = null)
        : base(CqlErrorCode.SyntaxError, message, innerException)
    {
    }
}
