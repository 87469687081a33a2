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
/// <param name="Phases">Where the time went: DNS, connect, TLS, first byte, total.</param>
/// <param name="Evidence">One entry per step of a transaction or child of a composite check.</param>
/// <param name="Warning">Something an operator should know that does not fail the check (a certificate close to expiry).</param>
public sealed record Observation(
    string EndpointId,
    string Region,
    DateTimeOffset At,
    ObservationOutcome Outcome,
    TimeSpan Duration,
    string Detail,
    int? StatusCode = null,
    DateTimeOffset? CertificateExpiresAt = null,
    ObservationPhases? Phases = null,
    IReadOnlyList<CheckEvidence>? Evidence = null,
    string? Warning = null)
{
    public bool IsSuccess => Outcome == ObservationOutcome.Success;
}
