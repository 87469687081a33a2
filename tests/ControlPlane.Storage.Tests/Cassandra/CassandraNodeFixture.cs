using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>One Cassandra node on 127.0.0.15 (cassandra.sh's "store" node, dc1), started once for the storage tests.</summary>
/// <remarks>Its own address, so the CQL client's tests (127.0.0.10-14) may run at the same time.</remarks>
public sealed class CassandraNodeFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.15";

    /// <summary>Options of a store on this node, in <paramref name="keyspace"/>.</summary>
    public static CassandraStoreOptions Options(string keyspace) => new()
    {
        ContactPoints = { Address },
        LocalDatacenter = "dc1",
        Keyspace = keyspace,
        Replication = { ["dc1"] = 1 },
        RequestTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>A keyspace name no other test uses.</summary>
    public static string NewKeyspace(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 48)];

    public Task InitializeAsync() => CassandraScript.RunAsync("start", "store");

    public Task DisposeAsync() => CassandraScript.RunAsync("stop", "store");
}

[CollectionDefinition(Name)]
public sealed class CassandraNodeCollection : ICollectionFixture<CassandraNodeFixture>
{
    public const string Name = "Cassandra store node";
}
