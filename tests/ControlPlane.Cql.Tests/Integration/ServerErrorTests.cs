using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class ServerErrorTests
{
    private readonly SingleNodeFixture _fixture;

    public ServerErrorTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    private ICqlSession Session => _fixture.Session;

    [Fact]
    public async Task Syntax_errors_are_typed()
    {
        var error = await Assert.ThrowsAsync<CqlSyntaxException>(() => Session.ExecuteAsync("SELEKT * FROM nowhere"));
        Assert.Equal(CqlErrorCode.SyntaxError, error.Code);
        Assert.NotNull(error.Host);
    }

    [Fact]
    public async Task Invalid_queries_are_typed()
    {
        await Assert.ThrowsAsync<CqlInvalidQueryException>(() => Session.ExecuteAsync("SELECT * FROM no_such_table"));
        await Assert.ThrowsAsync<CqlInvalidQueryException>(() => Session.PrepareAsync("SELECT nope FROM system.local"));
    }

    [Fact]
    public async Task Already_exists_carries_keyspace_and_table()
    {
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS twice (id int PRIMARY KEY)");
        var error = await Assert.ThrowsAsync<CqlAlreadyExistsException>(() => Session.ExecuteAsync("CREATE TABLE twice (id int PRIMARY KEY)"));
        Assert.Equal(SingleNodeFixture.Keyspace, error.Keyspace);
        Assert.Equal("twice", error.Table);
    }

    [Fact]
    public async Task Unavailable_carries_consistency_required_and_alive_and_is_not_retried_forever()
    {
        await Session.ExecuteAsync(
            "CREATE KEYSPACE IF NOT EXISTS cql_rf3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS cql_rf3.t (id int PRIMARY KEY, v int)");
        var write = new SimpleStatement("INSERT INTO cql_rf3.t (id, v) VALUES (1, 1)") { Consistency = CqlConsistency.Quorum };
        var error = await Assert.ThrowsAsync<CqlUnavailableException>(() => Session.ExecuteAsync(write));
        Assert.Equal(CqlConsistency.Quorum, error.Consistency);
        Assert.Equal(2, error.Required);
        Assert.Equal(1, error.Alive);

        // ONE is enough with one node alive: the consistency really is sent per statement.
        await Session.ExecuteAsync(new SimpleStatement("INSERT INTO cql_rf3.t (id, v) VALUES (1, 1)") { Consistency = CqlConsistency.One });
        var read = new SimpleStatement("SELECT v FROM cql_rf3.t WHERE id = 1") { Consistency = CqlConsistency.All };
        await Assert.ThrowsAsync<CqlUnavailableException>(() => Session.ExecuteAsync(read));
    }
}
