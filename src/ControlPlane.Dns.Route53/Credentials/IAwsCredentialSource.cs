using ControlPlane.Dns.Route53.Signing;

namespace ControlPlane.Dns.Route53.Credentials;

/// <summary>Where the keys for signing come from; asked before every request so refreshed keys are used.</summary>
internal interface IAwsCredentialSource
{
    /// <summary>Current credentials; throws <see cref="CredentialsUnavailableException"/> when none can be had.</summary>
    ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken);
}
