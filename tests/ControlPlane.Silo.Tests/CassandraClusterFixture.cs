using ControlPlane.Storage.Cassandra;
using ControlPlane.Testing;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// cassandra.sh's "store-cluster": three Cassandra nodes, one per datacenter (s1 127.0.0.16 dc1, s2 .17 dc2,
/// s3 .18 dc3), started once for the Cassandra cluster tests. Its own addresses, so the CQL client's
/// cluster tests (127.0.0.11-13) may run at the same time.
/// </summary>
public sealed class CassandraClusterFixture : IAsyncLifetime
{
    public static readonly string[] Addresses = CassandraScript.StoreClusterAddresses;

    /// <summary>Store options on a fresh keyspace replicated once in each datacenter (the test's own view is from dc1).</summary>
    public static CassandraStoreOptions Options(string prefix) => CassandraScript.StoreClusterOptions(prefix);

    /// <summary>The system log of a node (var/cassandra/NODE/system.log).</summary>
    public static string LogPath(string node) => RepositoryPaths.Of("var", "cassandra", node, "system.log");

    public static Task RunScriptAsync(params string[] arguments) => CassandraScript.RunAsync(arguments);

    public Task InitializeAsync() => RunScriptAsync("start", "store-cluster");

    public Task DisposeAsync() => RunScriptAsync("stop", "store-cluster");
}

/// <summary>Runs alone: three Cassandra nodes and three silos are as much as this machine's two cores carry next to other cluster tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CassandraClusterCollection : ICollectionFixture<CassandraClusterFixture>
{
    public const string Name = "Cassandra store cluster";
}
