using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class ConcurrencyTests
{
    private readonly SingleNodeFixture _fixture;

    public ConcurrencyTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_thousand_concurrent_requests_on_one_connection_each_get_their_own_result()
    {
        var options = SingleNodeFixture.Options();
        options.ConnectionsPerHost = 1;
        await using var session = await CqlCluster.ConnectAsync(options);
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS echo (id int PRIMARY KEY, value text)");
        var insert = await session.PrepareAsync("INSERT INTO echo (id, value) VALUES (?, ?)");
        var select = await session.PrepareAsync("SELECT id, value FROM echo WHERE id = ?");
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => session.ExecuteAsync(insert.Bind(i, $"value-{i}-{i * 31}"))));

        var pool = Assert.Single(((CqlSession)session).Pools);
        var connection = Assert.Single(pool.Connections);
        // Start all 1,000 before awaiting any; mix prepared and simple requests.
        var requests = Enumerable.Range(0, 1000).Select(i => i % 2 == 0
            ? session.ExecuteAsync(select.Bind(i))
            : session.ExecuteAsync("SELECT id, value FROM echo WHERE id = ?", i)).ToArray();
        var results = await Task.WhenAll(requests);

        for (var i = 0; i < results.Length; i++)
        {
            var row = Assert.Single(results[i]);
            Assert.Equal(i, row.Get<int>("id"));
            Assert.Equal($"value-{i}-{i * 31}", row.Get<string>("value"));
        }
        Assert.Same(connection, Assert.Single(pool.Connections));
        Assert.True(connection.PeakInFlight > 100, $"at most {connection.PeakInFlight} requests were in flight at once");
    }
}
