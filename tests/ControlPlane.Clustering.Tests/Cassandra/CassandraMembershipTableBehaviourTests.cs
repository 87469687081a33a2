using ControlPlane.Clustering.Cassandra;
using ControlPlane.Cql;
using Orleans;
using Orleans.Runtime;
using static ControlPlane.Clustering.Tests.MembershipEntries;

namespace ControlPlane.Clustering.Tests.Cassandra;

/// <summary>What only the Cassandra table has: unknown Paxos outcomes, concurrent schema creation, option validation.</summary>
[Collection(MembershipNodeCollection.Name)]
public sealed class CassandraMembershipTableBehaviourTests
{
    private static readonly string s_keyspace = MembershipNodeFixture.NewKeyspace("membership_b");

    private static async Task<(IMembershipTable Table, LosingAnswersSession Session)> TableAsync()
    {
        LosingAnswersSession? session = null;
        var options = MembershipNodeFixture.Options(s_keyspace);
        IMembershipTable table = CassandraMembershipTableTests.Create(s_keyspace, $"cluster-{Guid.NewGuid():N}", async ct =>
            session = new LosingAnswersSession(await CqlCluster.ConnectAsync(new CqlClusterOptions { ContactPoints = { MembershipNodeFixture.Address }, LocalDatacenter = "dc1" }, ct)));
        await table.InitializeMembershipTableAsync(true, default);
        return (table, session!);
    }

    [Fact]
    public async Task An_insert_whose_answer_was_lost_but_which_landed_is_reported_as_applied()
    {
        var (table, session) = await TableAsync();
        await using var _ = (IAsyncDisposable)table;
        var entry = Entry();

        session.LoseNextAnswer = true;
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));

        Assert.Equal(1, (await table.ReadAllAsync(default)).Version.Version);
    }

    [Fact]
    public async Task An_insert_that_never_reached_cassandra_is_reported_as_not_applied()
    {
        var (table, session) = await TableAsync();
        await using var _ = (IAsyncDisposable)table;

        session.DropNextStatement = true;
        Assert.False(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(default)).Version.Next()));

        var data = await table.ReadAllAsync(default);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task An_update_lost_after_another_silo_won_the_version_is_reported_as_not_applied()
    {
        var (table, session) = await TableAsync();
        await using var _ = (IAsyncDisposable)table;
        var entry = Entry(status: SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        var read = await table.ReadRowAsync(entry.SiloAddress, default);
        var ours = Copy(read.Members[0].Item1);
        ours.Status = SiloStatus.Dead;
        var theirs = Copy(read.Members[0].Item1);
        theirs.SuspectTimes = [Tuple.Create(NewSilo(), Now())];
        Assert.True(await table.UpdateRowAsync(theirs, read.Members[0].Item2, read.Version.Next()));

        session.LoseNextAnswer = true;
        Assert.False(await table.UpdateRowAsync(ours, read.Members[0].Item2, read.Version.Next()));
        Assert.Equal(SiloStatus.Active, (await table.ReadRowAsync(entry.SiloAddress, default)).Members[0].Item1.Status);
    }

    [Fact]
    public async Task Silos_starting_at_once_on_a_missing_keyspace_create_one_schema_and_all_initialise()
    {
        var keyspace = MembershipNodeFixture.NewKeyspace("membership_c");
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var tables = Enumerable.Range(0, 3).Select(IMembershipTable (_) => CassandraMembershipTableTests.Create(keyspace, clusterId)).ToArray();
        try
        {
            await Task.WhenAll(tables.Select(t => Task.Run(() => t.InitializeMembershipTableAsync(true, default))));

            Assert.True(await tables[0].InsertRowAsync(Entry(), (await tables[1].ReadAllAsync(default)).Version.Next()));
            Assert.Single((await tables[2].ReadAllAsync(default)).Members);
        }
        finally
        {
            foreach (var table in tables)
            {
                await ((IAsyncDisposable)table).DisposeAsync();
            }
        }
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_naming_its_field()
    {
        var errors = new CassandraMembershipOptions { Port = 0, Keyspace = "1bad", Replication = { ["dc1"] = 0 }, LocalDatacenter = "dc2", Password = "x" }.Validate();

        foreach (var field in new[] { "ContactPoints:", "Port:", "Keyspace:", "Replication[dc1]:", "LocalDatacenter:", "Password:" })
        {
            Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
        }

        Assert.Empty(MembershipNodeFixture.Options("ok").Validate());
    }
}
