using ControlPlane.Clustering.Cassandra;

namespace ControlPlane.Clustering.Tests.Cassandra;

/// <summary>One Cassandra 2.1 node on 127.0.0.19 (cassandra.sh's "membership" node, dc1), started once for these tests.</summary>
/// <remarks>Its own address, so the CQL client's and the store's tests (127.0.0.10-18) may run at the same time.</remarks>
public sealed class MembershipNodeFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.19";

    /// <summary>Options of a membership table on this node, in <paramref name="keyspace"/>.</summary>
    public static CassandraMembershipOptions Options(string keyspace) => new()
    {
        ContactPoints = { Address },
        LocalDatacenter = "dc1",
        Keyspace = keyspace,
        Replication = { ["dc1"] = 1 },
        RequestTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>A keyspace name no other test class uses.</summary>
    public static string NewKeyspace(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 48)];

    public Task InitializeAsync() => CassandraScript.RunAsync("start", "membership");

    public Task DisposeAsync() => CassandraScript.RunAsync("stop", "membership");
}

[CollectionDefinition(Name)]
public sealed class MembershipNodeCollection : ICollectionFixture<MembershipNodeFixture>
{
    public const string Name = "Cassandra membership node";
}
