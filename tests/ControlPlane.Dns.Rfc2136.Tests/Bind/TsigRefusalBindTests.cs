namespace ControlPlane.Dns.Rfc2136.Tests.Bind;

[Collection(BindCollection.Name)]
public class TsigRefusalBindTests
{
    private readonly BindFixture _bind;

    public TsigRefusalBindTests(BindFixture bind) => _bind = bind;

    [Fact]
    public async Task An_update_signed_with_the_wrong_secret_is_refused_as_not_transient_with_badsig()
    {
        var wrongSecret = Convert.ToBase64String(new byte[32]);
        var provider = _bind.CreateProvider(_bind.Settings(secret: wrongSecret));

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            provider.ApplyAsync(Rfc2136ProviderBindTests.Set("wrong-secret", "192.0.2.110"), CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("NOTAUTH (BADSIG)", e.Message);
        Assert.Empty(await _bind.Server.DigAsync("wrong-secret.cp.test."));
    }

    [Fact]
    public async Task An_update_signed_with_a_key_the_server_does_not_know_is_refused_as_not_transient_with_badkey()
    {
        var provider = _bind.CreateProvider(_bind.Settings(keyName: "unknown-key."));

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            provider.ApplyAsync(Rfc2136ProviderBindTests.Set("unknown-key", "192.0.2.111"), CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("NOTAUTH (BADKEY)", e.Message);
        Assert.Empty(await _bind.Server.DigAsync("unknown-key.cp.test."));
    }

    [Fact]
    public async Task An_update_with_a_valid_key_that_may_not_update_is_refused_as_not_transient()
    {
        var provider = _bind.CreateProvider(_bind.Settings(keyName: BindFixture.ReadOnlyKeyName, secret: _bind.ReadOnlySecret));

        // The key may read: the provider's queries succeed and the UPDATE itself is refused.
        Assert.Empty(await provider.ReadAsync("read-only.cp.test.", CancellationToken.None));
        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            provider.ApplyAsync(Rfc2136ProviderBindTests.Set("read-only", "192.0.2.112"), CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("answered the update of read-only.cp.test. in zone cp.test. with REFUSED", e.Message);
        Assert.Empty(await _bind.Server.DigAsync("read-only.cp.test."));
    }

    [Fact]
    public async Task A_clock_an_hour_off_gets_a_signed_badtime_answer_reported_as_not_transient()
    {
        var clock = new Support.FixedTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var provider = _bind.CreateProvider(clock: clock);

        var e = await Assert.ThrowsAsync<DnsProviderException>(() =>
            provider.ApplyAsync(Rfc2136ProviderBindTests.Set("clock-skew", "192.0.2.113"), CancellationToken.None));

        Assert.False(e.Transient);
        Assert.Contains("NOTAUTH (BADTIME)", e.Message);
        Assert.Contains("clock", e.Message);
    }
}
