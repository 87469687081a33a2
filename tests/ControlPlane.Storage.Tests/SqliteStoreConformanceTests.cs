using ControlPlane.Storage.Sqlite;

namespace ControlPlane.Storage.Tests;

public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cp-sqlite-").FullName;

    protected override Task<IControlPlaneStore> CreateStoreAsync() =>
        Task.FromResult<IControlPlaneStore>(new SqliteControlPlaneStore(Path.Combine(_directory, "store.db")));

    [Fact]
    public async Task Two_store_instances_on_one_file_see_each_others_leases_as_two_silo_processes_would()
    {
        var other = new SqliteControlPlaneStore(Path.Combine(_directory, "store.db"));
        var a = await Store.Leases.TryAcquireAsync("shared-0", "silo-a", TimeSpan.FromSeconds(10), T0, default);
        Assert.NotNull(a);
        Assert.Null(await other.Leases.TryAcquireAsync("shared-0", "silo-b", TimeSpan.FromSeconds(10), T0.AddSeconds(1), default));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
