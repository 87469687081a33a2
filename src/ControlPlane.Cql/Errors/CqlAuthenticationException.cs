namespace ControlPlane.Cql;

/// <summary>Authentication failed or is required (0x0100).</summary>
public sealed class CqlAuthenticationException : CqlServerException
{
    public CqlAuthenticationException(string message, Exception? innerException = null)
        : base(CqlErrorCode.BadCredentials, message, innerException)
    {
    }
}
