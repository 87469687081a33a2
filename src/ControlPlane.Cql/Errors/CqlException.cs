namespace ControlPlane.Cql;

/// <summary>Base of every error raised by the CQL client.</summary>
public class CqlException : Exception
{
    public CqlException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The host the request was sent to, when there was one.</summary>
    public System.Net.IPEndPoint? Host { get; internal set; }
}
