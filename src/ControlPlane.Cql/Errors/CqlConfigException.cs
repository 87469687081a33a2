namespace ControlPlane.Cql;

/// <summary>The statement conflicts with the server's configuration (0x2300).</summary>
public sealed class CqlConfigException : CqlServerException
{
    public CqlConfigException(string message, Exception? innerException = null)
        : base(CqlErrorCode.ConfigError, message, innerException)
    {
    }
}
