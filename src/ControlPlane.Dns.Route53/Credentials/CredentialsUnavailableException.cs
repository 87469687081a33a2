namespace ControlPlane.Dns.Route53.Credentials;

/// <summary>No AWS credentials could be resolved.</summary>
/// <param name="transient">False when retrying cannot help (a named profile that does not exist).</param>
internal sealed class CredentialsUnavailableException(string message, bool transient, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
