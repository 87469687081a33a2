using ControlPlane.Storage;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Silo.Tests;

/// <summary>Leases across datacenters: why the store's Paxos rounds are SERIAL, not LOCAL_SERIAL.</summary>
[Collection(CassandraClusterCollection.Name)]
public sealed class CassandraDatacenterOutageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_datacenter_that_missed_an_acquisition_while_it_was_away_does_not_hand_the_shard_out_again()
    {
        await CassandraClusterFixture.RunScriptAsync("start-node", "s3"); // whatever an earlier test of the collection did
        var options = CassandraClusterFixture.Options("outage");
        await using var dc1 = new CassandraControlPlaneStore(options);
        await using var dc2 = new CassandraControlPlaneStore(new CassandraStoreOptions
        {
            ContactPoints = options.ContactPoints,
            LocalDatacenter = "dc2",
            Keyspace = options.Keyspace,
            Replication = options.Replication,
        });
        await dc1.InitializeAsync(default);
        await dc2.InitializeAsync(default);
        Assert.NotNull(await dc2.Leases.TryAcquireAsync("service.0", "silo-x", Ttl, T0, default));

        // dc2 is away while silo-a takes the expired lease in dc1: its replica misses that Paxos commit.
        await CassandraClusterFixture.RunScriptAsync("stop", "s2");
        var a = await dc1.Leases.TryAcquireAsync("service.0", "silo-a", Ttl, T0.AddSeconds(11), default);
        Assert.Equal(2, a!.Token);
        await CassandraClusterFixture.RunScriptAsync("start-node", "s2");

        // Back, dc2 must not give the shard to silo-b on the strength of its stale replica. A lease kept
        // in the local datacenter (LOCAL_QUORUM read, LOCAL_SERIAL Paxos among dc2's replicas only, which
        // still say token 1 and expired) would: two owners holding token 2.
        var b = await WhenReachableAsync(() => dc2.Leases.TryAcquireAsync("service.0", "silo-b", Ttl, T0.AddSeconds(12), default));
        Assert.Null(b);

        // Renewals rewrite the whole lease, so dc2's own replica soon names the owner too (a renewal is
        // acknowledged by a quorum, so the copy in dc2 may land a moment after it returns).
        (string Owner, long Token) local = default;
        for (var renewal = 1; renewal <= 10 && local != ("silo-a", 2L); renewal++)
        {
            Assert.True(await dc1.Leases.TryRenewAsync(a, Ttl, T0.AddSeconds(12 + renewal), default));
            await Task.Delay(200);
            local = await WhenReachableAsync(async () => (await dc2.Leases.ReadAsync("service.0", default)) is { } l ? (l.Owner, l.Token) : default);
        }

        Assert.Equal(("silo-a", 2L), local);
    }

    // The client reconnects to a node that came back on its UP event; until then its requests fail fast.
    private static async Task<T> WhenReachableAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (ControlPlane.Cql.CqlException) when (attempt < 40)
            {
                await Task.Delay(500);
            }
        }
    }
}
