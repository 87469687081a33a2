namespace ControlPlane.Cql;

/// <summary>A feature (a type, unset values, ...) that the negotiated protocol version does not have.</summary>
public sealed class CqlUnsupportedFeatureException : CqlException
{
    public CqlUnsupportedFeatureException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
