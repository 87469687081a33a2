namespace ControlPlane.Cql;

/// <summary>The coordinator was overloaded and did not run the request (0x1001).</summary>
public sealed class CqlOverloadedException : CqlServerException
{
    public CqlOverloadedException(string message, Exception? innerException = null)
        : base(CqlErrorCode.Overloaded, message, innerException)
    {
    }
}
