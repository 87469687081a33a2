using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class BatchAndTimestampTests : IAsyncLifetime
{
    private readonly SingleNodeFixture _fixture;

    public BatchAndTimestampTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    private ICqlSession Session => _fixture.Session;

    public async Task InitializeAsync()
    {
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS batched (p int, c int, v text, PRIMARY KEY (p, c))");
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS batch_counters (id int PRIMARY KEY, hits counter)");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(BatchType.Logged)]
    [InlineData(BatchType.Unlogged)]
    public async Task Batches_mix_simple_and_prepared_statements(BatchType type)
    {
        var p = Random.Shared.Next();
        var insert = await Session.PrepareAsync("INSERT INTO batched (p, c, v) VALUES (?, ?, ?)");
        var batch = new BatchStatement(type)
            .Add(insert.Bind(p, 1, "one"))
            .Add("INSERT INTO batched (p, c, v) VALUES (?, ?, ?)", p, 2, "two")
            .Add(insert.Bind(p + 1, 1, "other partition"));
        await Session.BatchAsync(batch);
        var rows = await Session.ExecuteAsync("SELECT c, v FROM batched WHERE p = ?", p);
        Assert.Equal(["one", "two"], rows.Select(r => r.Get<string>("v")));
        Assert.Single(await Session.ExecuteAsync("SELECT c FROM batched WHERE p = ?", p + 1));
    }

    [Fact]
    public async Task Counter_batches_add_up()
    {
        var id = Random.Shared.Next();
        var increment = await Session.PrepareAsync("UPDATE batch_counters SET hits = hits + ? WHERE id = ?");
        await Session.BatchAsync(new BatchStatement(BatchType.Counter).Add(increment.Bind(2L, id)).Add(increment.Bind(3L, id)));
        var rows = await Session.ExecuteAsync("SELECT hits FROM batch_counters WHERE id = ?", id);
        Assert.Equal(5L, rows[0].Get<long>(0));
    }

    [Fact]
    public async Task Client_side_timestamps_are_sent_and_decide_which_write_wins()
    {
        var p = Random.Shared.Next();
        var at = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(12_340); // 1,234 µs past the second
        await Session.ExecuteAsync(new SimpleStatement("INSERT INTO batched (p, c, v) VALUES (?, 1, 'newer')", p) { Timestamp = at });
        // An older timestamp loses even though it is written later.
        await Session.ExecuteAsync(new SimpleStatement("INSERT INTO batched (p, c, v) VALUES (?, 1, 'older')", p) { Timestamp = at.AddSeconds(-1) });
        var row = (await Session.ExecuteAsync("SELECT v, WRITETIME(v) FROM batched WHERE p = ? AND c = 1", p))[0];
        Assert.Equal("newer", row.Get<string>(0));
        Assert.Equal((at - DateTimeOffset.UnixEpoch).Ticks / 10, row.Get<long>(1));

        // Without an explicit timestamp the session generates increasing microsecond timestamps.
        var before = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        await Session.ExecuteAsync("INSERT INTO batched (p, c, v) VALUES (?, 2, 'generated')", p);
        var generated = (await Session.ExecuteAsync("SELECT WRITETIME(v) FROM batched WHERE p = ? AND c = 2", p))[0].Get<long>(0);
        Assert.InRange(generated, before - 1_000_000, before + 60_000_000);
    }
}
