namespace ControlPlane.Core.Model;

/// <summary>One probe result: an endpoint checked once from one region.</summary>
/// <param name="EndpointId">The endpoint checked.</param>
/// <param name="Region">The region that ran the check.</param>
/// <param name="At">When the check finished.</param>
/// <param name="Outcome">Success, or the kind of failure.</param>
/// <param name="Duration">Total time the check took.</param>
/// <param name="Detail">Human-readable detail: status code, error message, certificate expiry.</param>
/// <param name="StatusCode">HTTP status, when an HTTP response was received.</param>
/// <param name="CertificateExpiresAt">Expiry of the peer certificate, when TLS was used.</param>
public sealed record Observation(
    string EndpointId,
    string Region,
    DateTimeOffset At,
    ObservationOutcome Outcome,
    TimeSpan Duration,
    string Detail,
    int? StatusCode = null,
    DateTimeOffset? CertificateExpiresAt = null)
{
    public bool IsSuccess => Outcome == ObservationOutcome.Success;
}
