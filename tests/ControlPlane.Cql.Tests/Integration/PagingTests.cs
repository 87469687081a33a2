using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class PagingTests
{
    private const int RowCount = 10_000;
    private readonly SingleNodeFixture _fixture;

    public PagingTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Paging_over_10000_rows_returns_each_row_exactly_once()
    {
        var session = _fixture.Session;
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS paged (bucket int, id int, payload text, PRIMARY KEY (bucket, id))");
        await session.ExecuteAsync("TRUNCATE paged");
        var insert = await session.PrepareAsync("INSERT INTO paged (bucket, id, payload) VALUES (?, ?, ?)");
        // Several partitions, so pages also cross partition boundaries.
        await Parallel.ForEachAsync(Enumerable.Range(0, RowCount), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, ct) => await session.ExecuteAsync(insert.Bind(i % 7, i, $"row {i}"), ct));

        var seen = new HashSet<int>();
        var pages = 0;
        await foreach (var page in session.QueryPagesAsync(new SimpleStatement("SELECT id, payload FROM paged") { PageSize = 333 }))
        {
            pages++;
            Assert.True(page.Count <= 333);
            foreach (var row in page)
            {
                var id = row.Get<int>("id");
                Assert.True(seen.Add(id), $"row {id} returned twice");
                Assert.Equal($"row {id}", row.Get<string>("payload"));
            }
        }
        Assert.Equal(RowCount, seen.Count);
        Assert.True(pages >= RowCount / 333, $"only {pages} pages");

        // The same through the row stream of a prepared statement.
        var select = await session.PrepareAsync("SELECT id FROM paged");
        var ids = new List<int>();
        var bound = select.Bind();
        bound.PageSize = 1000;
        await foreach (var row in session.QueryRowsAsync(bound))
        {
            ids.Add(row.Get<int>(0));
        }
        Assert.Equal(RowCount, ids.Count);
        Assert.Equal(RowCount, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_page_can_be_resumed_later_from_its_paging_state()
    {
        var session = _fixture.Session;
        await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS resumable (p int, c int, PRIMARY KEY (p, c))");
        var insert = await session.PrepareAsync("INSERT INTO resumable (p, c) VALUES (0, ?)");
        for (var i = 0; i < 25; i++)
        {
            await session.ExecuteAsync(insert.Bind(i));
        }
        var first = await session.ExecuteAsync(new SimpleStatement("SELECT c FROM resumable WHERE p = 0") { PageSize = 10 });
        Assert.Equal(10, first.Count);
        Assert.True(first.HasMorePages);
        var second = await session.ExecuteAsync(new SimpleStatement("SELECT c FROM resumable WHERE p = 0") { PageSize = 10, PagingState = first.PagingState });
        Assert.Equal(Enumerable.Range(10, 10), second.Select(r => r.Get<int>(0)));
        var third = await session.ExecuteAsync(new SimpleStatement("SELECT c FROM resumable WHERE p = 0") { PageSize = 10, PagingState = second.PagingState });
        Assert.Equal(5, third.Count);
        Assert.False(third.HasMorePages);
    }
}
