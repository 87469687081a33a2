using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Storage.Tests.Cassandra;

/// <summary>The whole storage contract on Cassandra: one node, one fresh keyspace for this class.</summary>
[Collection(CassandraNodeCollection.Name)]
public sealed class CassandraStoreConformanceTests : StoreConformanceTests
{
    private static readonly string Keyspace = CassandraNodeFixture.NewKeyspace("conformance");

    protected override Task<IControlPlaneStore> CreateStoreAsync() =>
        Task.FromResult<IControlPlaneStore>(new CassandraControlPlaneStore(CassandraNodeFixture.Options(Keyspace)));
}
