using ControlPlane.Core.Model;
using ControlPlane.Dns.Route53.Signing;
using ControlPlane.Testing.Route53;
using static ControlPlane.Dns.Route53.Tests.Provider.Route53TestKit;

namespace ControlPlane.Dns.Route53.Tests.Provider;

public sealed class SigningTests
{
    [Fact]
    public async Task Every_request_carries_a_signature_the_server_verifies()
    {
        await using var kit = await StartAsync();
        await kit.Provider().ApplyAsync(Desired(RoutingPolicy.Weighted, ("ep1", "192.0.2.1", 1)), default);

        Assert.NotEmpty(kit.Server.Requests);
        Assert.All(kit.Server.Requests, r => Assert.Equal(200, r.StatusCode));
        Assert.Contains(kit.Server.Requests, r => r.Operation == "ChangeResourceRecordSets");
        Assert.Contains(kit.Server.Requests, r => r.Operation == "GetChange");
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_SignatureDoesNotMatch_and_is_not_retried()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider(credentials: TestCredentials with { SecretAccessKey = "wrong" });

        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1", "192.0.2.1", 1)), default));

        Assert.False(e.Transient);
        Assert.Contains("SignatureDoesNotMatch (HTTP 403)", e.Message, StringComparison.Ordinal);
        Assert.Single(kit.Server.Requests);
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused_with_InvalidClientTokenId()
    {
        await using var kit = await StartAsync();
        var provider = kit.Provider(credentials: new SigningCredentials("AKIDUNKNOWN", "whatever"));

        var e = await Assert.ThrowsAsync<DnsProviderException>(() => provider.ReadAsync(Name, default));

        Assert.False(e.Transient);
        Assert.Contains("InvalidClientTokenId", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_credentials_send_and_sign_the_session_token()
    {
        await using var kit = await StartAsync();
        kit.Server.AddCredentials("ASIATEMPORARY", new FakeCredentials("temporary-secret", "session-token/with+special=chars"));
        var provider = kit.Provider(credentials: new SigningCredentials("ASIATEMPORARY", "temporary-secret", "session-token/with+special=chars"));

        var result = await provider.ApplyAsync(Desired(RoutingPolicy.Failover, ("dc1", "192.0.2.1", 1)), default);

        Assert.True(result.Changed);
        var withoutToken = kit.Provider(credentials: new SigningCredentials("ASIATEMPORARY", "temporary-secret"));
        var e = await Assert.ThrowsAsync<DnsProviderException>(() => withoutToken.ReadAsync(Name, default));
        Assert.Contains("InvalidClientTokenId", e.Message, StringComparison.Ordinal);
    }
}
