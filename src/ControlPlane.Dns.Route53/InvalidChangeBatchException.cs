namespace ControlPlane.Dns.Route53;

/// <summary>Route 53 refused a change batch (InvalidChangeBatch); <see cref="Messages"/> holds every reason it gave.</summary>
public sealed class InvalidChangeBatchException : DnsProviderException
{
    public InvalidChangeBatchException(string providerId, IReadOnlyList<string> messages, Exception? inner = null)
        : base(providerId, $"Route 53 refused the change batch: {string.Join("; ", messages)}", transient: false, inner)
    {
        Messages = messages;
    }

    /// <summary>Each problem of the batch, as Route 53 worded it.</summary>
    public IReadOnlyList<string> Messages { get; }
}
