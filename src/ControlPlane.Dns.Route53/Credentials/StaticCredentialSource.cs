using ControlPlane.Dns.Route53.Signing;

namespace ControlPlane.Dns.Route53.Credentials;

/// <summary>Fixed credentials (tests, and callers that resolve keys themselves).</summary>
internal sealed class StaticCredentialSource(SigningCredentials credentials) : IAwsCredentialSource
{
    public ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
