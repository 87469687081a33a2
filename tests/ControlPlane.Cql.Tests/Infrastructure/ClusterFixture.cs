namespace ControlPlane.Cql.Tests.Infrastructure;

/// <summary>
/// Three Cassandra nodes, one per datacenter (n1 127.0.0.11 dc1, n2 .12 dc2, n3 .13 dc3), started once for
/// the "cluster" collection, with a keyspace replicated once in every datacenter.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Keyspace = "cql_multi_dc";

    public static CqlClusterOptions Options(string localDatacenter, bool allowRemote = false, params string[] contactPoints) => new()
    {
        ContactPoints = contactPoints.Length > 0 ? contactPoints : ["127.0.0.11", "127.0.0.12", "127.0.0.13"],
        LocalDatacenter = localDatacenter,
        AllowRemoteDatacenters = allowRemote,
        Keyspace = Keyspace,
        RequestTimeout = TimeSpan.FromSeconds(15),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(250),
        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
    };

    public async Task InitializeAsync()
    {
        await CassandraScript.RunAsync("start", "cluster");
        var setup = Options("dc1");
        setup.Keyspace = null;
        await using var session = await CqlCluster.ConnectAsync(setup);
        await session.ExecuteAsync(
            $"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1, 'dc3': 1}}");
        // Reads must stay in the local datacenter: no speculative retry to another one.
        await session.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Keyspace}.kv (k int PRIMARY KEY, v text) WITH speculative_retry = 'NONE' AND read_repair_chance = 0");
    }

    public Task DisposeAsync() => CassandraScript.RunAsync("stop", "cluster");
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cassandra 3-datacenter cluster";
}
