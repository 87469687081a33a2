using Orleans;
using Orleans.Runtime;
using static ControlPlane.Clustering.Tests.MembershipEntries;

namespace ControlPlane.Clustering.Tests;

/// <summary>Races on one version, cleanup, deletion and isolation of clusters.</summary>
public abstract partial class MembershipTableConformanceTests
{
    private const int Racers = 10;

    /// <summary>The tables that race; the SQLite tests override it to race separate instances.</summary>
    protected virtual IMembershipTable[] Racing(IMembershipTable table, string clusterId) => Enumerable.Repeat(table, Racers).ToArray();

    [Fact]
    public async Task Of_ten_silos_inserting_at_the_same_version_exactly_one_wins()
    {
        var clusterId = NewClusterId();
        var table = await InitializedAsync(clusterId);
        var version = (await table.ReadAllAsync(default)).Version.Next();
        var tables = Racing(table, clusterId);
        var entries = tables.Select(_ => Entry()).ToArray();

        using var start = new ManualResetEventSlim();
        var racers = tables.Select((t, i) => Task.Run(async () => { start.Wait(); return await t.InsertRowAsync(entries[i], version); })).ToArray();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.Equal(1, results.Count(r => r));
        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(entries[Array.IndexOf(results, true)].SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task Of_ten_silos_updating_one_row_at_the_same_version_exactly_one_wins()
    {
        var clusterId = NewClusterId();
        var table = await InitializedAsync(clusterId);
        var target = Entry(status: SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(target, (await table.ReadAllAsync(default)).Version.Next()));
        var read = await table.ReadRowAsync(target.SiloAddress, default);
        var tables = Racing(table, clusterId);
        var votes = tables.Select(_ =>
        {
            var vote = Copy(read.Members[0].Item1);
            vote.SuspectTimes = [Tuple.Create(NewSilo(), Now())];
            return vote;
        }).ToArray();

        using var start = new ManualResetEventSlim();
        var racers = tables.Select((t, i) => Task.Run(async () => { start.Wait(); return await t.UpdateRowAsync(votes[i], read.Members[0].Item2, read.Version.Next()); })).ToArray();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.Equal(1, results.Count(r => r));
        var after = await table.ReadRowAsync(target.SiloAddress, default);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(votes[Array.IndexOf(results, true)].SuspectTimes, after.Members[0].Item1.SuspectTimes);
    }

    [Fact]
    public async Task The_version_rises_by_one_with_every_successful_write_and_never_with_a_refused_one()
    {
        var table = await InitializedAsync();
        var entry = Entry();
        var seen = new List<int> { (await table.ReadAllAsync(default)).Version.Version };
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        seen.Add((await table.ReadAllAsync(default)).Version.Version);
        Assert.False(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        seen.Add((await table.ReadAllAsync(default)).Version.Version);
        foreach (var status in new[] { SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead })
        {
            var data = await table.ReadRowAsync(entry.SiloAddress, default);
            var next = Copy(data.Members[0].Item1);
            next.Status = status;
            Assert.True(await table.UpdateRowAsync(next, data.Members[0].Item2, data.Version.Next()));
            seen.Add((await table.ReadAllAsync(default)).Version.Version);
        }

        Assert.Equal([0, 1, 1, 2, 3, 4], seen);
    }

    [Fact]
    public async Task Cleanup_deletes_only_rows_that_are_not_active_and_were_last_alive_before_the_cutoff()
    {
        var table = await InitializedAsync();
        var old = Now().AddHours(-2);
        var oldDead = Entry(status: SiloStatus.Dead, at: old);
        var oldActive = Entry(status: SiloStatus.Active, at: old);
        var freshDead = Entry(status: SiloStatus.Dead);
        var oldJoining = Entry(status: SiloStatus.Joining, at: old);
        foreach (var entry in new[] { oldDead, oldActive, freshDead, oldJoining })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), default);

        var left = (await table.ReadAllAsync(default)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { oldActive.SiloAddress, freshDead.SiloAddress }, left);
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_version_and_leaves_other_clusters_alone()
    {
        var clusterId = NewClusterId();
        var table = await InitializedAsync(clusterId);
        var other = await InitializedAsync();
        Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(default)).Version.Next()));
        Assert.True(await other.InsertRowAsync(Entry(), (await other.ReadAllAsync(default)).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(clusterId, default);

        Assert.Empty((await table.ReadAllAsync(default)).Members);
        Assert.Single((await other.ReadAllAsync(default)).Members);
        await table.InitializeMembershipTableAsync(true, default);
        var fresh = await table.ReadAllAsync(default);
        Assert.Equal(0, fresh.Version.Version);
        Assert.True(await table.InsertRowAsync(Entry(), fresh.Version.Next()));
    }

    [Fact]
    public async Task Two_cluster_ids_have_their_own_rows_and_versions()
    {
        var a = await InitializedAsync();
        var b = await InitializedAsync();
        var silo = NewSilo();
        Assert.True(await a.InsertRowAsync(Entry(silo), (await a.ReadAllAsync(default)).Version.Next()));
        Assert.True(await a.InsertRowAsync(Entry(), (await a.ReadAllAsync(default)).Version.Next()));

        var inB = await b.ReadAllAsync(default);
        Assert.Empty(inB.Members);
        Assert.Equal(0, inB.Version.Version);
        Assert.True(await b.InsertRowAsync(Entry(silo, SiloStatus.Active), inB.Version.Next())); // the same silo address in another cluster
        Assert.Equal(2, (await a.ReadAllAsync(default)).Version.Version);
        Assert.Equal(SiloStatus.Joining, (await a.ReadRowAsync(silo, default)).Members[0].Item1.Status);
        Assert.Equal(SiloStatus.Active, (await b.ReadRowAsync(silo, default)).Members[0].Item1.Status);
    }
}
