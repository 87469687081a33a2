namespace ControlPlane.Dns.Rfc2136.Wire;

/// <summary>A message that is not valid DNS wire format (truncated, bad pointer, bad RDATA length).</summary>
internal sealed class DnsFormatException : FormatException
{
    public DnsFormatException(string message)
        : base(message)
    {
    }
}
