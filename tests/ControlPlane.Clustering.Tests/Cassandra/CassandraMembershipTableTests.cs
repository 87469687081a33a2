using ControlPlane.Clustering.Cassandra;
using ControlPlane.Cql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace ControlPlane.Clustering.Tests.Cassandra;

/// <summary>The conformance suite against a real Cassandra 2.1 node, in a keyspace of its own.</summary>
[Collection(MembershipNodeCollection.Name)]
public sealed class CassandraMembershipTableTests : MembershipTableConformanceTests, IAsyncLifetime
{
    private static readonly string s_keyspace = MembershipNodeFixture.NewKeyspace("membership");
    private readonly List<CassandraMembershipTable> _tables = [];

    protected override IMembershipTable CreateTable(string clusterId)
    {
        var table = Create(s_keyspace, clusterId);
        lock (_tables)
        {
            _tables.Add(table);
        }

        return table;
    }

    internal static CassandraMembershipTable Create(string keyspace, string clusterId, Func<CancellationToken, Task<ICqlSession>>? connect = null) => new(
        MembershipNodeFixture.Options(keyspace),
        Options.Create(new ClusterOptions { ServiceId = "controlplane", ClusterId = clusterId }),
        NullLoggerFactory.Instance,
        connect);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in _tables)
        {
            await table.DisposeAsync();
        }
    }
}
