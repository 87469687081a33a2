namespace ControlPlane.Cql;

/// <summary>The coordinator is still bootstrapping and did not run the request (0x1002).</summary>
public sealed class CqlIsBootstrappingException : CqlServerException
{
    public CqlIsBootstrappingException(string message, Exception? innerException = null)
        : base(CqlErrorCode.IsBootstrapping, message, innerException)
    {
    }
}
