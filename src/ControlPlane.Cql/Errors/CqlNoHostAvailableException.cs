namespace ControlPlane.Cql;

/// <summary>No host could run the request; <see cref="Errors"/> says what each tried host answered.</summary>
public sealed class CqlNoHostAvailableException : CqlException
{
    public CqlNoHostAvailableException(string message, IReadOnlyList<KeyValuePair<System.Net.IPEndPoint, Exception>> errors, Exception? innerException = null)
        : base(message, innerException)
    {
        Errors = errors;
    }

    /// <summary>The error of each host tried, in order.</summary>
    public IReadOnlyList<KeyValuePair<System.Net.IPEndPoint, Exception>> Errors { get; }
}
