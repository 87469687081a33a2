namespace ControlPlane.Cql;

/// <summary>The coordinator does not know a prepared statement id (0x2500); the session re-prepares transparently.</summary>
public sealed class CqlUnpreparedException : CqlServerException
{
    public CqlUnpreparedException(string message, byte[] preparedId, Exception? innerException = null)
        : base(CqlErrorCode.Unprepared, message, innerException)
    {
        PreparedId = preparedId;
    }

    /// <summary>The unknown id.</summary>
    public byte[] PreparedId { get; }
}
