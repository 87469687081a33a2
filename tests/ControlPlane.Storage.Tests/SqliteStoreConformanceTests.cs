using ControlPlane.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Storage.Tests;

public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cp-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_directory, "store.db");

    protected override Task<IControlPlaneStore> CreateStoreAsync() =>
        Task.FromResult<IControlPlaneStore>(new SqliteControlPlaneStore(DatabasePath));

    [Fact]
    public async Task Two_store_instances_on_one_file_racing_on_one_etag_as_two_silo_processes_would_let_exactly_one_win()
    {
        await using var other = new SqliteControlPlaneStore(DatabasePath);
        for (var round = 0; round < 10; round++)
        {
            var grain = NewGrain();
            var etag = await Store.GrainState.WriteAsync(StateOnly(grain, "before", null), default);
            using var start = new ManualResetEventSlim();
            var writes = new[] { Store, other, Store, other }.Select((store, i) => Task.Run(async () =>
            {
                start.Wait();
                return await store.GrainState.WriteAsync(StateOnly(grain, $"writer {i}", etag), default);
            })).ToList();
            start.Set();
            await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

            var won = Assert.Single(writes, w => w.IsCompletedSuccessfully);
            Assert.All(writes.Where(w => w != won), w => Assert.IsType<GrainStateConflictException>(w.Exception!.InnerException));
            Assert.Equal(new StoredGrainState($"writer {writes.IndexOf(won)}", await won), await other.GrainState.ReadAsync(grain, default));
        }
    }

    [Fact]
    public async Task A_file_of_the_lease_based_runtime_is_migrated_its_grain_state_kept_under_a_fresh_etag()
    {
        var path = Path.Combine(_directory, "lease-era.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE shard_leases (shard_id TEXT PRIMARY KEY, owner TEXT NOT NULL, token INTEGER NOT NULL, expires_at INTEGER NOT NULL);
                CREATE TABLE grain_state (kind TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL, shard_id TEXT NOT NULL, token INTEGER NOT NULL, PRIMARY KEY (kind, key));
                INSERT INTO grain_state VALUES ('service', 'checkout', 'kept', 'service-3', 7);
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var store = new SqliteControlPlaneStore(path);
        await store.InitializeAsync(default);
        await store.InitializeAsync(default);

        var grain = new GrainKey("service", "checkout");
        var stored = await store.GrainState.ReadAsync(grain, default);
        Assert.Equal("kept", stored!.StateJson);
        var next = await store.GrainState.WriteAsync(StateOnly(grain, "written after the migration", stored.ETag), default);
        Assert.Equal(new StoredGrainState("written after the migration", next), await store.GrainState.ReadAsync(grain, default));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
