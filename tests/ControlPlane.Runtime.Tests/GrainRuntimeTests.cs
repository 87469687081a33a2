using ControlPlane.Storage;
using ControlPlane.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Runtime.Tests;

public sealed class GrainRuntimeTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-runtime-").FullName;
    private readonly ShardMap _shards = new(4);
    private SqliteControlPlaneStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteControlPlaneStore(Path.Combine(_dir, "store.db"));
        await _store.InitializeAsync(default);
        CounterGrain.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(GrainRuntime Runtime, ShardLeaseKeeper Keeper)> StartSiloAsync(string silo, LeaseOptions? options = null)
    {
        var keeper = new ShardLeaseKeeper(_store.Leases, silo, options ?? new LeaseOptions(), TimeProvider.System, NullLogger<ShardLeaseKeeper>.Instance);
        keeper.SetWanted(_shards.ShardsOf("counter"));
        await keeper.RoundAsync(default);
        var runtime = new GrainRuntime(_shards, keeper, TimeProvider.System, NullLoggerFactory.Instance);
        runtime.Register<ICounterGrain>("counter", _ => new CounterGrain(_store.GrainState));
        return (runtime, keeper);
    }

    [Fact]
    public async Task Calls_to_one_grain_never_overlap_and_each_sees_the_previous_ones()
    {
        var (runtime, _) = await StartSiloAsync("silo-a");
        var grain = runtime.Get<ICounterGrain>("c1");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.IncrementAsync()));

        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, await grain.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task A_reactivated_grain_resumes_from_its_committed_state()
    {
        var (first, firstKeeper) = await StartSiloAsync("silo-a");
        await first.Get<ICounterGrain>("c2").IncrementAsync();
        await first.Get<ICounterGrain>("c2").IncrementAsync();
        await first.DisposeAsync();
        await firstKeeper.StopAsync(default);

        var (second, _) = await StartSiloAsync("silo-b");
        Assert.Equal(3, await second.Get<ICounterGrain>("c2").IncrementAsync());
    }

    [Fact]
    public async Task A_grain_whose_shard_is_not_owned_is_not_activated()
    {
        var (runtime, keeper) = await StartSiloAsync("silo-a");
        keeper.SetWanted([]);
        await keeper.RoundAsync(default);

        await Assert.ThrowsAsync<ShardNotOwnedException>(() => runtime.Get<ICounterGrain>("c3").IncrementAsync());
    }

    [Fact]
    public async Task A_deposed_owner_is_fenced_out_and_stops_acting_for_the_shard()
    {
        var shortLease = new LeaseOptions { Ttl = TimeSpan.FromMilliseconds(300), RenewEvery = TimeSpan.FromHours(1), SafetyMargin = TimeSpan.Zero };
        var (old, _) = await StartSiloAsync("silo-old", shortLease);
        var grain = old.Get<ICounterGrain>("c4");
        Assert.Equal(1, await grain.IncrementAsync());

        // The old owner stalls (no renewal) past its lease; the new owner takes the shard over.
        await Task.Delay(400);
        var shard = _shards.ShardOf(new GrainId("counter", "c4"));
        var taken = await _store.Leases.TryAcquireAsync(shard, "silo-new", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow, default);
        Assert.NotNull(taken);

        // The old activation still holds its stale fence; its write is refused and nothing changes.
        var refused = await Assert.ThrowsAsync<FenceLostException>(() => StaleWriteAsync(old, "c4"));
        Assert.Equal(taken.Token, refused.CurrentToken);
        Assert.Contains("\"count\":1", await _store.GrainState.ReadAsync(new GrainId("counter", "c4"), default));
    }

    private static Task StaleWriteAsync(GrainRuntime runtime, string key) => runtime.Get<ICounterGrain>(key).IncrementAsync();
}
