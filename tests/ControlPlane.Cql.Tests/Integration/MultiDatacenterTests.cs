using System.Net;
using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(ClusterCollection.Name)]
public sealed class MultiDatacenterTests
{
    private static readonly IPEndPoint N2 = new(IPAddress.Parse("127.0.0.12"), 9042);
    private static readonly IPEndPoint N3 = new(IPAddress.Parse("127.0.0.13"), 9042);

    [Fact]
    public async Task The_control_connection_discovers_every_node_with_its_datacenter_and_pools_only_the_local_one()
    {
        await using var session = await CqlCluster.ConnectAsync(ClusterFixture.Options("dc1", allowRemote: false, "127.0.0.12"));
        Assert.Equal("dc1", session.LocalDatacenter);
        Assert.Equal(
            ["127.0.0.11:9042 dc1", "127.0.0.12:9042 dc2", "127.0.0.13:9042 dc3"],
            session.Hosts.Select(h => $"{h.EndPoint} {h.Datacenter}").OrderBy(s => s, StringComparer.Ordinal));
        var pool = Assert.Single(((CqlSession)session).Pools);
        Assert.Equal("127.0.0.11", pool.Host.EndPoint.Address.ToString());

        for (var i = 0; i < 20; i++)
        {
            var rows = await session.ExecuteAsync("SELECT data_center FROM system.local");
            Assert.Equal("dc1", rows[0].Get<string>(0));
        }
    }

    [Fact]
    public async Task An_unknown_local_datacenter_is_refused_with_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<CqlException>(() => CqlCluster.ConnectAsync(ClusterFixture.Options("dc9")));
        Assert.Contains("dc9", error.Message);
        Assert.Contains("dc2", error.Message);
    }

    [Fact]
    public async Task Ddl_waits_for_schema_agreement_so_every_datacenter_can_use_the_table_at_once()
    {
        await using var dc1 = await CqlCluster.ConnectAsync(ClusterFixture.Options("dc1"));
        await using var dc3 = await CqlCluster.ConnectAsync(ClusterFixture.Options("dc3"));
        var table = $"t{Guid.NewGuid():N}";
        await dc1.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, v int)");
        Assert.True(await dc1.WaitForSchemaAgreementAsync());
        await dc3.ExecuteAsync(new SimpleStatement($"INSERT INTO {table} (k, v) VALUES (1, 1)") { Consistency = CqlConsistency.LocalQuorum });
        await dc1.ExecuteAsync($"DROP TABLE {table}");
    }

    [Fact]
    public async Task Local_quorum_keeps_working_with_a_node_killed_stays_local_and_reconnects_when_it_returns()
    {
        await using var session = await CqlCluster.ConnectAsync(ClusterFixture.Options("dc1", allowRemote: true));
        var write = await session.PrepareAsync("INSERT INTO kv (k, v) VALUES (?, ?)");
        var read = await session.PrepareAsync("SELECT v FROM kv WHERE k = ?");
        var n3 = session.Hosts.Single(h => h.EndPoint.Equals(N3));
        Assert.Equal(3, ((CqlSession)session).Pools.Count);
        await RoundTripsAsync(session, write, read, 0, 50);

        await CassandraScript.RunAsync("kill", "n3");
        try
        {
            await NodeRestartTests.WaitUntilAsync(() => !n3.IsUp, TimeSpan.FromSeconds(10));
            var remoteBefore = session.Hosts.Where(h => h.Datacenter != "dc1").Sum(h => h.RequestsSent);

            // Immediately, without waiting for the cluster to notice: LOCAL_QUORUM only needs dc1.
            await RoundTripsAsync(session, write, read, 1000, 200);
            Assert.Equal(remoteBefore, session.Hosts.Where(h => h.Datacenter != "dc1").Sum(h => h.RequestsSent));

            // A client whose local datacenter is down may use the others for non-local levels only.
            await using (var dc3Client = await CqlCluster.ConnectAsync(ClusterFixture.Options("dc3", allowRemote: true, "127.0.0.11")))
            {
                await dc3Client.ExecuteAsync(new SimpleStatement("INSERT INTO kv (k, v) VALUES (5000, 'quorum')") { Consistency = CqlConsistency.Quorum });
                // A statement first prepared now, with no local node to prepare it on, is prepared remotely.
                var firstPrepared = await dc3Client.PrepareAsync("INSERT INTO kv (k, v) VALUES (?, 'prepared remotely') USING TTL 600");
                var bound = firstPrepared.Bind(5001);
                bound.Consistency = CqlConsistency.Quorum;
                await dc3Client.ExecuteAsync(bound);
                var refused = await Assert.ThrowsAsync<CqlNoHostAvailableException>(() => dc3Client.ExecuteAsync(
                    new SimpleStatement("SELECT v FROM kv WHERE k = 5000") { Consistency = CqlConsistency.LocalQuorum }));
                Assert.Contains("LOCAL_QUORUM", refused.Message);
            }
        }
        finally
        {
            await CassandraScript.RunAsync("start-node", "n3");
        }
        await NodeRestartTests.WaitUntilAsync(() => n3.IsUp, TimeSpan.FromSeconds(30));
        await RoundTripsAsync(session, write, read, 2000, 50);
        Assert.Equal(0, session.Hosts.Single(h => h.EndPoint.Equals(N2)).RequestsSent);
    }

    [Fact]
    public async Task The_control_connection_moves_to_another_node_when_its_node_dies_and_the_node_is_used_again_on_return()
    {
        await using var session = await CqlCluster.ConnectAsync(ClusterFixture.Options("dc2", allowRemote: true, "127.0.0.12"));
        var cql = (CqlSession)session;
        Assert.Equal(N2, cql.ControlEndPoint);
        var n2 = session.Hosts.Single(h => h.EndPoint.Equals(N2));

        await CassandraScript.RunAsync("kill", "n2");
        try
        {
            await NodeRestartTests.WaitUntilAsync(() => cql.ControlEndPoint is { } at && !at.Equals(N2), TimeSpan.FromSeconds(20));
            Assert.False(n2.IsUp);
            // With its own datacenter gone, the client uses the others for non-local consistency levels.
            var written = await session.ExecuteAsync(
                new SimpleStatement("INSERT INTO kv (k, v) VALUES (7000, 'while dc2 is down')") { Consistency = CqlConsistency.Quorum });
            Assert.NotEqual(N2, written.Host);
            Assert.True(await session.WaitForSchemaAgreementAsync());
        }
        finally
        {
            await CassandraScript.RunAsync("start-node", "n2");
        }
        await NodeRestartTests.WaitUntilAsync(() => n2.IsUp, TimeSpan.FromSeconds(30));
        var local = await session.ExecuteAsync(
            new SimpleStatement("INSERT INTO kv (k, v) VALUES (7001, 'dc2 is back')") { Consistency = CqlConsistency.LocalQuorum });
        Assert.Equal(N2, local.Host);
    }

    private static async Task RoundTripsAsync(ICqlSession session, PreparedStatement write, PreparedStatement read, int first, int count)
    {
        for (var k = first; k < first + count; k++)
        {
            var w = write.Bind(k, $"value {k}");
            w.Consistency = CqlConsistency.LocalQuorum;
            var result = await session.ExecuteAsync(w);
            Assert.Equal("127.0.0.11", result.Host!.Address.ToString());
            var r = read.Bind(k);
            r.Consistency = CqlConsistency.LocalQuorum;
            var rows = await session.ExecuteAsync(r);
            Assert.Equal($"value {k}", rows[0].Get<string>(0));
            Assert.Equal("127.0.0.11", rows.Host!.Address.ToString());
        }
    }
}
