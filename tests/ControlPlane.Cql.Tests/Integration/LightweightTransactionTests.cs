using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class LightweightTransactionTests : IAsyncLifetime
{
    private readonly SingleNodeFixture _fixture;

    public LightweightTransactionTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    private ICqlSession Session => _fixture.Session;

    public async Task InitializeAsync()
    {
        await Session.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS leases (shard int, row_type int, range_id bigint static, owner text, data text, PRIMARY KEY (shard, row_type))");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Insert_if_not_exists_reports_applied_then_not_applied_with_the_existing_row()
    {
        var shard = Random.Shared.Next();
        var insert = await Session.PrepareAsync("INSERT INTO leases (shard, row_type, owner, data) VALUES (?, 0, ?, ?) IF NOT EXISTS");

        var first = await Session.ExecuteConditionalAsync(insert.Bind(shard, "silo-a", "first"));
        Assert.True(first.Applied);
        Assert.Null(first.Current);

        var second = await Session.ExecuteConditionalAsync(insert.Bind(shard, "silo-b", "second"));
        Assert.False(second.Applied);
        Assert.NotNull(second.Current);
        Assert.Equal("silo-a", second.Current!.Get<string>("owner"));
        Assert.Equal("first", second.Current.Get<string>("data"));
        Assert.Equal(shard, second.Current.Get<int>("shard"));
    }

    [Fact]
    public async Task Conditional_update_returns_the_current_value_of_the_condition_column_when_not_applied()
    {
        var shard = Random.Shared.Next();
        await Session.ExecuteAsync("INSERT INTO leases (shard, row_type, range_id, owner) VALUES (?, 0, 5, 'silo-a')", shard);
        var renew = await Session.PrepareAsync("UPDATE leases SET range_id = ?, owner = ? WHERE shard = ? AND row_type = 0 IF range_id = ?");

        var renewal = renew.Bind(6L, "silo-b", shard, 5L);
        renewal.SerialConsistency = CqlConsistency.LocalSerial;
        var applied = await Session.ExecuteConditionalAsync(renewal);
        Assert.True(applied.Applied);

        var stale = await Session.ExecuteConditionalAsync(renew.Bind(7L, "silo-c", shard, 5L));
        Assert.False(stale.Applied);
        Assert.Equal(6L, stale.Current!.Get<long>("range_id"));

        var rows = await Session.ExecuteAsync(new SimpleStatement("SELECT range_id, owner FROM leases WHERE shard = ?", shard) { Consistency = CqlConsistency.Serial });
        Assert.Equal(6L, rows[0].Get<long>("range_id"));
        Assert.Equal("silo-b", rows[0].Get<string>("owner"));
    }

    [Fact]
    public async Task Delete_if_exists_on_a_missing_row_is_not_applied_without_current_values()
    {
        var result = await Session.ExecuteConditionalAsync(new SimpleStatement("DELETE FROM leases WHERE shard = ? AND row_type = 1 IF EXISTS", Random.Shared.Next()));
        Assert.False(result.Applied);
        Assert.Null(result.Current);
    }

    [Fact]
    public async Task Conditional_batch_is_fenced_by_the_lease_and_reports_conflicting_rows()
    {
        var shard = Random.Shared.Next();
        await Session.ExecuteAsync("INSERT INTO leases (shard, row_type, range_id, owner) VALUES (?, 0, 1, 'silo-a')", shard);
        var write = await Session.PrepareAsync("INSERT INTO leases (shard, row_type, data) VALUES (?, ?, ?)");
        var fence = await Session.PrepareAsync("UPDATE leases SET range_id = ? WHERE shard = ? IF range_id = ?");

        var owned = new BatchStatement()
            .Add(write.Bind(shard, 1, "state v1"))
            .Add(fence.Bind(1L, shard, 1L));
        var applied = await Session.ExecuteConditionalAsync(owned);
        Assert.True(applied.Applied);

        var deposed = new BatchStatement()
            .Add(write.Bind(shard, 1, "state from a deposed owner"))
            .Add(fence.Bind(0L, shard, 0L));
        var rejected = await Session.ExecuteConditionalAsync(deposed);
        Assert.False(rejected.Applied);
        Assert.Contains(rejected.Rows, r => r.Contains("range_id") && r.Get<long?>("range_id") == 1L);

        var data = await Session.ExecuteAsync(new SimpleStatement("SELECT data FROM leases WHERE shard = ? AND row_type = 1", shard) { Consistency = CqlConsistency.Serial });
        Assert.Equal("state v1", data[0].Get<string>(0));
    }

    [Fact]
    public async Task A_conditional_statement_without_an_answer_in_time_is_reported_as_outcome_unknown()
    {
        var statement = new SimpleStatement("INSERT INTO leases (shard, row_type, owner) VALUES (?, 0, 'x') IF NOT EXISTS", Random.Shared.Next())
        {
            Timeout = TimeSpan.FromTicks(1),
        };
        var error = await Assert.ThrowsAsync<CqlLwtOutcomeUnknownException>(() => Session.ExecuteConditionalAsync(statement));
        Assert.IsType<CqlRequestTimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task A_plain_statement_is_refused_by_the_conditional_api()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Session.ExecuteConditionalAsync(new SimpleStatement("SELECT owner FROM leases LIMIT 1")));
    }
}
