namespace ControlPlane.Dns.Route53.Signing;

/// <summary>The key pair (and session token, for temporary credentials) a request is signed with.</summary>
/// <param name="AccessKeyId">The access key id, sent in the clear in the credential scope.</param>
/// <param name="SecretAccessKey">The secret key; only ever used to derive the signing key.</param>
/// <param name="SessionToken">Set for temporary credentials; sent and signed as <c>x-amz-security-token</c>.</param>
internal sealed record SigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never prints the secret or the token.</summary>
    public override string ToString() => $"SigningCredentials({AccessKeyId})";
}
