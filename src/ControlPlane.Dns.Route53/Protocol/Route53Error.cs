namespace ControlPlane.Dns.Route53.Protocol;

/// <summary>An error response from Route 53, whichever of its two shapes it came in.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code"><c>Throttling</c>, <c>PriorRequestNotComplete</c>, <c>InvalidChangeBatch</c>, ...</param>
/// <param name="Message">The error message as sent.</param>
/// <param name="Messages">For InvalidChangeBatch, each problem of the batch; otherwise the message alone.</param>
/// <param name="RequestId">Route 53's request id, for support cases.</param>
internal sealed record Route53Error(int StatusCode, string Code, string Message, IReadOnlyList<string> Messages, string? RequestId)
{
    public const string InvalidChangeBatch = "InvalidChangeBatch";

    public bool IsInvalidChangeBatch => Code == InvalidChangeBatch;

    public override string ToString() =>
        $"{Code} (HTTP {StatusCode}): {(Messages.Count > 1 ? string.Join("; ", Messages) : Message)}" +
        (RequestId is null ? string.Empty : $" [request {RequestId}]");
}
