namespace ControlPlane.Cql;

/// <summary>A connection to a host could not be opened or broke.</summary>
public sealed class CqlConnectionException : CqlException
{
    public CqlConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>False when the request never left the client (so it certainly did not run).</summary>
    public bool RequestSent { get; internal init; } = true;
}
