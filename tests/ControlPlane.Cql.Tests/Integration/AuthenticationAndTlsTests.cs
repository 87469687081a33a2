using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SecureNodeCollection.Name)]
public sealed class AuthenticationAndTlsTests
{
    private static readonly CqlCredentials Superuser = new("cassandra", "cassandra");
    private readonly SecureNodeFixture _fixture;

    public AuthenticationAndTlsTests(SecureNodeFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Connects_over_tls_with_password_authentication()
    {
        await using var session = await CqlCluster.ConnectAsync(_fixture.Options(Superuser));
        var rows = await session.ExecuteAsync("SELECT release_version FROM system.local");
        Assert.Equal("2.1.0", rows[0].Get<string>(0));
        var prepared = await session.PrepareAsync("SELECT data_center FROM system.local WHERE key = ?");
        Assert.Equal("dc1", (await session.ExecuteAsync(prepared.Bind("local")))[0].Get<string>(0));
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_error()
    {
        var error = await Assert.ThrowsAsync<CqlNoHostAvailableException>(
            () => CqlCluster.ConnectAsync(_fixture.Options(new CqlCredentials("cassandra", "wrong"))));
        Assert.IsType<CqlAuthenticationException>(Assert.Single(error.Errors).Value);
    }

    [Fact]
    public async Task Missing_credentials_are_reported_with_the_authenticator()
    {
        var error = await Assert.ThrowsAsync<CqlNoHostAvailableException>(() => CqlCluster.ConnectAsync(_fixture.Options(null)));
        var inner = Assert.IsType<CqlAuthenticationException>(Assert.Single(error.Errors).Value);
        Assert.Contains("PasswordAuthenticator", inner.Message);
    }

    [Fact]
    public async Task Plain_tcp_to_a_tls_only_node_fails_to_connect()
    {
        var options = _fixture.Options(Superuser, tls: false);
        options.ConnectTimeout = TimeSpan.FromSeconds(2);
        var error = await Assert.ThrowsAsync<CqlNoHostAvailableException>(() => CqlCluster.ConnectAsync(options));
        Assert.IsType<CqlConnectionException>(Assert.Single(error.Errors).Value);
    }

    [Fact]
    public async Task A_user_without_permission_gets_unauthorized()
    {
        await using (var admin = await CqlCluster.ConnectAsync(_fixture.Options(Superuser)))
        {
            await admin.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS secured WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            await admin.ExecuteAsync("CREATE TABLE IF NOT EXISTS secured.secrets (id int PRIMARY KEY, v text)");
            try
            {
                await admin.ExecuteAsync("CREATE USER limited WITH PASSWORD 'limited-pw' NOSUPERUSER");
            }
            catch (CqlInvalidQueryException)
            {
                // Exists from an earlier test in the same run.
            }
        }
        await using var limited = await CqlCluster.ConnectAsync(_fixture.Options(new CqlCredentials("limited", "limited-pw")));
        var error = await Assert.ThrowsAsync<CqlUnauthorizedException>(() => limited.ExecuteAsync("SELECT * FROM secured.secrets"));
        Assert.Equal(CqlErrorCode.Unauthorized, error.Code);
    }

    [Fact]
    public void Credentials_never_print_the_password()
    {
        Assert.DoesNotContain("cassandra-secret", new CqlCredentials("u", "cassandra-secret").ToString());
    }
}
