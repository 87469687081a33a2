using Orleans;
using Orleans.Runtime;
using static ControlPlane.Clustering.Tests.MembershipEntries;

namespace ControlPlane.Clustering.Tests;

/// <summary>
/// The IMembershipTable contract, run against every backend (the cases of Orleans' MembershipTableTestsBase).
/// Each test uses its own ClusterId, so tests of one class share a keyspace or file without seeing each other.
/// </summary>
public abstract partial class MembershipTableConformanceTests
{
    /// <summary>A table of cluster <paramref name="clusterId"/> of the test service, not yet initialised.</summary>
    protected abstract IMembershipTable CreateTable(string clusterId);

    protected static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    private async Task<IMembershipTable> InitializedAsync(string? clusterId = null)
    {
        var table = CreateTable(clusterId ?? NewClusterId());
        await table.InitializeMembershipTableAsync(true, default);
        return table;
    }

    [Fact]
    public async Task Initialising_twice_keeps_an_empty_table_at_version_zero()
    {
        var clusterId = NewClusterId();
        var table = await InitializedAsync(clusterId);
        await table.InitializeMembershipTableAsync(true, default);
        await CreateTable(clusterId).InitializeMembershipTableAsync(true, default);

        var data = await table.ReadAllAsync(default);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.NotNull(data.Version.VersionEtag);
    }

    [Fact]
    public async Task An_inserted_row_is_read_back_field_by_field_and_the_version_moves_to_the_next()
    {
        var table = await InitializedAsync();
        var voter = NewSilo(22222);
        var entry = Entry(status: SiloStatus.Active);
        entry.SuspectTimes = [Tuple.Create(voter, Now().AddSeconds(-3)), Tuple.Create(NewSilo(33333), Now())];

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        var (read, etag) = Assert.Single(data.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(entry.SiloAddress.Generation, read.SiloAddress.Generation);
        Assert.Equal((entry.Status, entry.ProxyPort, entry.HostName, entry.SiloName), (read.Status, read.ProxyPort, read.HostName, read.SiloName));
        Assert.Equal((entry.StartTime, entry.IAmAliveTime), (read.StartTime, read.IAmAliveTime));
        Assert.Equal(DateTimeKind.Utc, read.StartTime.Kind);
        Assert.Equal(entry.SuspectTimes, read.SuspectTimes);
    }

    [Fact]
    public async Task Inserting_a_silo_that_is_already_in_the_table_is_refused()
    {
        var table = await InitializedAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));

        var again = Entry(entry.SiloAddress, SiloStatus.Active);
        Assert.False(await table.InsertRowAsync(again, (await table.ReadAllAsync(default)).Version.Next()));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Members).Item1.Status);
    }

    [Fact]
    public async Task An_insert_with_a_stale_version_etag_is_refused_and_changes_nothing()
    {
        var table = await InitializedAsync();
        var stale = (await table.ReadAllAsync(default)).Version.Next();
        Assert.True(await table.InsertRowAsync(Entry(), stale));

        Assert.False(await table.InsertRowAsync(Entry(), stale));
        Assert.False(await table.InsertRowAsync(Entry(), new TableVersion(2, "not-an-etag")));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task ReadRow_returns_only_that_silo_with_the_table_version()
    {
        var table = await InitializedAsync();
        var first = Entry();
        var second = Entry();
        Assert.True(await table.InsertRowAsync(first, (await table.ReadAllAsync(default)).Version.Next()));
        Assert.True(await table.InsertRowAsync(second, (await table.ReadAllAsync(default)).Version.Next()));

        var row = await table.ReadRowAsync(second.SiloAddress, default);
        Assert.Equal(2, row.Version.Version);
        Assert.Equal(second.SiloAddress, Assert.Single(row.Members).Item1.SiloAddress);

        var missing = await table.ReadRowAsync(NewSilo(), default);
        Assert.Empty(missing.Members);
        Assert.Equal(2, missing.Version.Version);
    }

    [Fact]
    public async Task ReadAll_lists_every_row_with_its_etag()
    {
        var table = await InitializedAsync();
        var silos = new List<SiloAddress>();
        for (var i = 0; i < 5; i++)
        {
            var entry = Entry();
            silos.Add(entry.SiloAddress);
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        }

        var data = await table.ReadAllAsync(default);
        Assert.Equal(5, data.Version.Version);
        Assert.Equal(silos.ToHashSet(), data.Members.Select(m => m.Item1.SiloAddress).ToHashSet());
        Assert.Equal(5, data.Members.Select(m => m.Item2).Distinct().Count());
    }

    [Fact]
    public async Task An_update_with_the_read_row_etag_and_version_replaces_the_row()
    {
        var table = await InitializedAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        var read = await table.ReadRowAsync(entry.SiloAddress, default);
        var (stored, etag) = read.Members[0];

        var active = Copy(stored);
        active.Status = SiloStatus.Active;
        active.SuspectTimes = [Tuple.Create(NewSilo(), Now())];
        Assert.True(await table.UpdateRowAsync(active, etag, read.Version.Next()));

        var after = await table.ReadRowAsync(entry.SiloAddress, default);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
        Assert.Equal(active.SuspectTimes, after.Members[0].Item1.SuspectTimes);
        Assert.NotEqual(etag, after.Members[0].Item2);
    }

    [Fact]
    public async Task An_update_with_a_stale_version_or_a_stale_row_etag_is_refused()
    {
        var table = await InitializedAsync();
        var entry = Entry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        var before = await table.ReadRowAsync(entry.SiloAddress, default);
        var (stored, etag) = before.Members[0];
        var dead = Copy(stored);
        dead.Status = SiloStatus.Dead;

        Assert.True(await table.InsertRowAsync(Entry(), before.Version.Next())); // someone else moves the version on
        Assert.False(await table.UpdateRowAsync(dead, etag, before.Version.Next()));

        var current = await table.ReadAllAsync(default);
        Assert.False(await table.UpdateRowAsync(dead, etag + "0", current.Version.Next()));
        Assert.False(await table.UpdateRowAsync(dead, "garbage", current.Version.Next()));

        var after = await table.ReadAllAsync(default);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Joining, after.TryGet(entry.SiloAddress)!.Item1.Status);
    }

    [Fact]
    public async Task An_update_of_a_silo_that_is_not_in_the_table_is_refused()
    {
        var table = await InitializedAsync();
        var version = (await table.ReadAllAsync(default)).Version;

        Assert.False(await table.UpdateRowAsync(Entry(), "0", version.Next()));
        Assert.False(await table.UpdateRowAsync(Entry(), "1", version.Next()));

        var data = await table.ReadAllAsync(default);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task IAmAlive_changes_only_the_alive_time_and_neither_the_version_nor_the_etag()
    {
        var table = await InitializedAsync();
        var entry = Entry(status: SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next()));
        var before = await table.ReadRowAsync(entry.SiloAddress, default);

        var alive = Copy(entry);
        alive.IAmAliveTime = entry.IAmAliveTime.AddSeconds(30);
        alive.Status = SiloStatus.Dead; // must be ignored
        await table.UpdateIAmAliveAsync(alive, default);

        var after = await table.ReadRowAsync(entry.SiloAddress, default);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, after.Members[0].Item2);
        Assert.Equal(alive.IAmAliveTime, after.Members[0].Item1.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
    }
}
