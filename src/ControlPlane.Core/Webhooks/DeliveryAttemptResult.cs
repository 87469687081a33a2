namespace ControlPlane.Core.Webhooks;

/// <summary>What one delivery attempt got back: an HTTP status, or a transport error (refused, reset, timeout).</summary>
/// <param name="StatusCode">Null when no response arrived.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, when it sent one.</param>
/// <param name="Error">A short description for the deliveries API (never a secret).</param>
public readonly record struct DeliveryAttemptResult(int? StatusCode, TimeSpan? RetryAfter, string? Error)
{
    public static DeliveryAttemptResult Status(int code, TimeSpan? retryAfter = null) => new(code, retryAfter, null);

    public static DeliveryAttemptResult Failed(string error) => new(null, null, error);

    public bool Succeeded => StatusCode is >= 200 and < 300;

    public override string ToString() => StatusCode is { } code ? $"HTTP {code}" : Error ?? "no response";
}
