namespace ControlPlane.Dns;

/// <summary>A provider refused a change or could not be reached.</summary>
public class DnsProviderException : Exception
{
    public DnsProviderException(string providerId, string message, bool transient, Exception? inner = null)
        : base($"DNS provider '{providerId}': {message}", inner)
    {
        ProviderId = providerId;
        Transient = transient;
    }

    public string ProviderId { get; }

    /// <summary>True when retrying later may succeed (timeouts, throttling, 5xx); false for a refused change.</summary>
    public bool Transient { get; }
}
