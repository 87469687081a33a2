namespace ControlPlane.Cql.Tests.Infrastructure;

/// <summary>One Cassandra node on 127.0.0.10, started once for the "single node" collection, and a keyspace for its tests.</summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.10";
    public const string Keyspace = "cql_tests";

    public ICqlSession Session { get; private set; } = null!;

    public static CqlClusterOptions Options(string? keyspace = Keyspace) => new()
    {
        ContactPoints = { Address },
        Keyspace = keyspace,
        RequestTimeout = TimeSpan.FromSeconds(15),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(250),
        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
    };

    public async Task InitializeAsync()
    {
        await CassandraScript.RunAsync("start", "single");
        await using (var setup = await CqlCluster.ConnectAsync(Options(keyspace: null)))
        {
            await setup.ExecuteAsync(
                $"CREATE KEYSPACE IF NOT EXISTS {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        }
        Session = await CqlCluster.ConnectAsync(Options());
    }

    public async Task DisposeAsync()
    {
        if (Session is not null)
        {
            await Session.DisposeAsync();
        }
        await CassandraScript.RunAsync("stop", "single");
    }
}

[CollectionDefinition(Name)]
public sealed class SingleNodeCollection : ICollectionFixture<SingleNodeFixture>
{
    public const string Name = "Cassandra single node";
}
