using ControlPlane.Core.Model;

namespace ControlPlane.Probing;

/// <summary>What a check executor found; <see cref="ProbeEngine"/> adds time, duration and identity to make an <see cref="Observation"/>.</summary>
/// <param name="Outcome">Success or the kind of failure.</param>
/// <param name="Detail">One line a human understands, e.g. <c>status 503 not in 200-399</c>.</param>
/// <param name="StatusCode">HTTP status, when a response was received.</param>
/// <param name="CertificateExpiresAt">Expiry of the peer certificate, when TLS was used.</param>
public readonly record struct CheckResult(
    ObservationOutcome Outcome,
    string Detail,
    int? StatusCode = null,
    DateTimeOffset? CertificateExpiresAt = null)
{
    /// <summary>Phases the executor measured (the engine fills in the total).</summary>
    public PhaseTimings? Phases { get; init; }

    /// <summary>Per step or per child evidence.</summary>
    public IReadOnlyList<CheckEvidence>? Evidence { get; init; }

    /// <summary>A warning that does not fail the check.</summary>
    public string? Warning { get; init; }
}
