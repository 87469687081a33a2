namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>A Route 53 request that failed for good: refused, or still failing after every retry.</summary>
/// <param name="operation">The API operation, for example <c>ChangeResourceRecordSets</c>.</param>
/// <param name="error">The error response; null when no response came (connection refused, timeout).</param>
/// <param name="transient">True when a later retry may succeed (throttling, 5xx, unreachable).</param>
internal sealed class Route53RequestException(string operation, Route53Error? error, bool transient, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Operation { get; } = operation;

    public Route53Error? Error { get; } = error;

    public bool Transient { get; } = transient;
}
