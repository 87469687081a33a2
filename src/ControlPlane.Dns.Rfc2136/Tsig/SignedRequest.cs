namespace ControlPlane.Dns.Rfc2136.Tsig;

/// <summary>A request ready to send, and the MAC its response's MAC is chained to (RFC 8945 4.3.1).</summary>
internal sealed record SignedRequest(byte[] Wire, byte[] Mac);
