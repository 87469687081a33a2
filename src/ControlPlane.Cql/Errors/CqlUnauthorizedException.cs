namespace ControlPlane.Cql;

/// <summary>The logged-in user lacks a permission (0x2100).</summary>
public sealed class CqlUnauthorizedException : CqlServerException
{
    public CqlUnauthorizedException(string message, Exception? innerException = null)
        : base(CqlErrorCode.Unauthorized, message, innerException)
    {
    }
}
