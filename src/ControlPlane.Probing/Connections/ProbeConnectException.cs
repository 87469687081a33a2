using ControlPlane.Core.Model;

namespace ControlPlane.Probing.Connections;

/// <summary>A connection to a target could not be set up; carries the observation it should become.</summary>
internal sealed class ProbeConnectException(ObservationOutcome outcome, string detail, DateTimeOffset? certificateExpiresAt = null)
    : Exception(detail)
{
    public ObservationOutcome Outcome { get; } = outcome;

    public DateTimeOffset? CertificateExpiresAt { get; } = certificateExpiresAt;

    public CheckResult ToResult() => new(Outcome, Message, CertificateExpiresAt: CertificateExpiresAt);

    /// <summary>Finds this exception among <paramref name="exception"/> and its inner exceptions (handlers wrap it).</summary>
    public static ProbeConnectException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is ProbeConnectException found)
            {
                return found;
            }
        }

        return null;
    }
}
