using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ControlPlane.Probing.Connections;

/// <summary>
/// Certificate validation of one TLS handshake: records the peer certificate's expiry and, when
/// validation is on and the certificate is not acceptable, a description of why.
/// </summary>
internal sealed class TlsHandshakeObserver(string serverName, bool validate)
{
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Why the certificate was rejected; null when it was accepted or never seen.</summary>
    public string? Rejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ExpiresAt = ExpiryOf(certificate);
        if (errors == SslPolicyErrors.None || !validate)
        {
            return true;
        }

        Rejection = Describe(errors, chain);
        return false;
    }

    public static DateTimeOffset? ExpiryOf(X509Certificate? certificate) =>
        certificate is X509Certificate2 c ? new DateTimeOffset(c.NotAfter.ToUniversalTime()) : null;

    private string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var reasons = new List<string>(3);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("no certificate presented");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add($"name does not match '{serverName}'");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus
                .Select(s => s.Status)
                .Where(s => s != X509ChainStatusFlags.NoError)
                .Distinct()
                .Select(s => s.ToString())
                .ToList();
            reasons.Add(statuses is { Count: > 0 } ? $"chain not trusted ({string.Join(", ", statuses)})" : "chain not trusted");
        }

        var expiry = ExpiresAt is { } at ? $"; expires {DetailText.Date(at)}" : "";
        return $"certificate for '{serverName}' rejected: {string.Join(", ", reasons)}{expiry}";
    }
}
