using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using ControlPlane.Dns.Route53.Signing;

namespace ControlPlane.Dns.Route53.Credentials;

/// <summary>Credentials from AWSSDK.Core's standard chain, or from one named shared profile.</summary>
/// <remarks>
/// Without a profile this is the SDK's default chain (<c>AWS_PROFILE</c> or the <c>default</c> profile,
/// environment variables, web identity, container and EC2 instance role). The SDK object is resolved once
/// and asked for keys before every request: it caches them and refreshes temporary credentials itself.
/// </remarks>
internal sealed class AwsSdkCredentialSource : IAwsCredentialSource
{
    private readonly string? _profile;
    private readonly string? _profilesLocation;
    private readonly SemaphoreSlim _resolveLock = new(1, 1);
    private AWSCredentials? _resolved;

    /// <param name="profile">A shared-config profile name; null for the default chain.</param>
    /// <param name="profilesLocation">A credentials file to read profiles from; null for the SDK's usual files.</param>
    public AwsSdkCredentialSource(string? profile, string? profilesLocation = null)
    {
        _profile = profile;
        _profilesLocation = profilesLocation;
    }

    public async ValueTask<SigningCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var source = _resolved ?? await ResolveAsync(cancellationToken);
        ImmutableCredentials keys;
        try
        {
            keys = await source.GetCredentialsAsync();
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or HttpRequestException or IOException)
        {
            throw new CredentialsUnavailableException($"AWS credentials could not be refreshed: {e.Message}", transient: true, e);
        }

        return new SigningCredentials(keys.AccessKey, keys.SecretKey, keys.UseToken ? keys.Token : null);
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        await _resolveLock.WaitAsync(cancellationToken);
        try
        {
            if (_resolved is not null)
            {
                return _resolved;
            }

            if (_profile is not null)
            {
                var chain = _profilesLocation is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(_profilesLocation);
                if (!chain.TryGetAWSCredentials(_profile, out var fromProfile))
                {
                    throw new CredentialsUnavailableException($"AWS profile '{_profile}' was not found in the shared config or credentials files", transient: false);
                }

                return _resolved = fromProfile;
            }

            try
            {
                return _resolved = await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The chain ends with the instance role, whose metadata service may be briefly unreachable.
                throw new CredentialsUnavailableException($"no AWS credentials found in the default chain: {e.Message}", transient: true, e);
            }
        }
        finally
        {
            _resolveLock.Release();
        }
    }
}
