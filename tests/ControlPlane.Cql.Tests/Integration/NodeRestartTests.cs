using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class NodeRestartTests
{
    private readonly SingleNodeFixture _fixture;

    public NodeRestartTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_prepared_statement_keeps_working_across_a_node_restart_by_being_re_prepared()
    {
        await using var session = await CqlCluster.ConnectAsync(SingleNodeFixture.Options());
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS restarted (id int PRIMARY KEY, v text)");
        var insert = await session.PrepareAsync("INSERT INTO restarted (id, v) VALUES (?, ?)");
        var select = await session.PrepareAsync("SELECT v FROM restarted WHERE id = ?");
        await session.ExecuteAsync(insert.Bind(1, "before"));
        var host = Assert.Single(session.Hosts);

        await CassandraScript.RunAsync("stop", "single");
        await WaitUntilAsync(() => !host.IsUp, TimeSpan.FromSeconds(10));
        await CassandraScript.RunAsync("start-node", "single");
        await WaitUntilAsync(() => host.IsUp, TimeSpan.FromSeconds(30));

        // The restarted node forgot every prepared statement: the first EXECUTE gets Unprepared.
        var reprepared = ((CqlSession)session).RepreparedCount;
        await session.ExecuteAsync(insert.Bind(2, "after"));
        Assert.Equal("before", (await session.ExecuteAsync(select.Bind(1)))[0].Get<string>(0));
        Assert.Equal("after", (await session.ExecuteAsync(select.Bind(2)))[0].Get<string>(0));
        Assert.True(((CqlSession)session).RepreparedCount >= reprepared + 2, "both statements were re-prepared");

        // The long-lived session of the fixture recovered as well, control connection included.
        await WaitUntilAsync(() => _fixture.Session.Hosts.All(h => h.IsUp), TimeSpan.FromSeconds(30));
        Assert.True(await session.WaitForSchemaAgreementAsync());
        Assert.True(await _fixture.Session.WaitForSchemaAgreementAsync());
        Assert.Single(await _fixture.Session.ExecuteAsync("SELECT v FROM restarted WHERE id = 2"));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }
            await Task.Delay(100);
        }
    }
}
