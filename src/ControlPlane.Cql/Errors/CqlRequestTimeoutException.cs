namespace ControlPlane.Cql;

/// <summary>No response came within the client-side request timeout.</summary>
public sealed class CqlRequestTimeoutException : CqlException
{
    public CqlRequestTimeoutException(string message, TimeSpan timeout, Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
