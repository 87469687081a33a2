namespace ControlPlane.Cql.Connections;

/// <summary>The server does not speak the protocol version a connection asked for (triggers the v4 to v3 fallback).</summary>
internal sealed class CqlProtocolVersionRefusedException : CqlException
{
    public CqlProtocolVersionRefusedException(int requested, int? serverVersion, Exception? inner = null)
        : base($"The server refused native protocol v{requested}" + (serverVersion is { } v ? $" (it answered in v{v})." : "."), inner)
    {
        Requested = requested;
        ServerVersion = serverVersion;
    }

    public int Requested { get; }

    public int? ServerVersion { get; }
}
