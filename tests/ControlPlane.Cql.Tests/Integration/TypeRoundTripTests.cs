using System.Net;
using System.Numerics;
using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

[Collection(SingleNodeCollection.Name)]
public sealed class TypeRoundTripTests : IAsyncLifetime
{
    private const string Columns =
        "id int PRIMARY KEY, a ascii, t text, vc varchar, i int, bi bigint, b boolean, f float, d double, dec decimal, " +
        "vi varint, ts timestamp, u uuid, tu timeuuid, bl blob, ip inet, li list<int>, st set<text>, mp map<text, int>, " +
        "lts list<timestamp>, mub map<uuid, blob>, sdec set<decimal>";

    private readonly SingleNodeFixture _fixture;

    public TypeRoundTripTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    private ICqlSession Session => _fixture.Session;

    public async Task InitializeAsync()
    {
        await Session.ExecuteAsync($"CREATE TABLE IF NOT EXISTS all_types ({Columns})");
        await Session.ExecuteAsync("CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, c counter)");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, object?[]> Cases()
    {
        var timeuuid = Guid.Parse("8b5b0f60-9a4e-11ee-8c90-0242ac120002");
        return new TheoryData<string, object?[]>
        {
            {
                "minimum",
                [
                    1, "", "", "", int.MinValue, long.MinValue, false, float.MinValue, double.MinValue,
                    decimal.MinValue, BigInteger.Parse("-1" + new string('0', 60)), DateTimeOffset.MinValue,
                    Guid.Empty, timeuuid, Array.Empty<byte>(), IPAddress.Any,
                    new List<int> { int.MinValue }, new HashSet<string> { "" }, new Dictionary<string, int> { [""] = int.MinValue },
                    new List<DateTimeOffset> { DateTimeOffset.UnixEpoch }, new Dictionary<Guid, byte[]> { [Guid.Empty] = [0] },
                    new HashSet<CqlDecimal> { new(BigInteger.MinusOne, 0) },
                ]
            },
            {
                "maximum",
                [
                    2, new string('~', 1000), new string('z', 70_000), "max", int.MaxValue, long.MaxValue, true, float.MaxValue, double.MaxValue,
                    decimal.MaxValue, BigInteger.Pow(2, 300), new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
                    Guid.Parse("ffffffff-ffff-4fff-bfff-ffffffffffff"), timeuuid, Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray(),
                    IPAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                    Enumerable.Range(0, 1000).ToList(), Enumerable.Range(0, 500).Select(i => $"k{i}").ToHashSet(),
                    Enumerable.Range(0, 300).ToDictionary(i => $"k{i}", i => int.MaxValue - i),
                    new List<DateTimeOffset> { new(2262, 4, 11, 23, 47, 16, 854, TimeSpan.Zero) },
                    new Dictionary<Guid, byte[]> { [Guid.Parse("ffffffff-ffff-4fff-bfff-ffffffffffff")] = new byte[1000] },
                    new HashSet<CqlDecimal> { new(BigInteger.Pow(10, 40), -5), new(BigInteger.Pow(10, 40), 60) },
                ]
            },
            {
                "non-ASCII and special values",
                [
                    3, "plain ascii !\"#$%&'()*+,-./", "Grüße, 東京, עברית, emoji 🚀👩‍👩‍👧, combining é", "ß\u0000nul inside",
                    0, 0L, true, float.NaN, double.PositiveInfinity, 0.0000000000000000000000000001m,
                    BigInteger.Zero, DateTimeOffset.FromUnixTimeMilliseconds(-1), Guid.NewGuid(), timeuuid, new byte[] { 0, 255, 0 },
                    IPAddress.Parse("127.0.0.1"), new List<int> { 3, 1, 3, 2 }, new HashSet<string> { "ü", "東", "🚀" },
                    new Dictionary<string, int> { ["ключ"] = -1 }, new List<DateTimeOffset>(), new Dictionary<Guid, byte[]>(),
                    new HashSet<CqlDecimal>(),
                ]
            },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_type_round_trips_through_a_prepared_statement(string name, object?[] values)
    {
        _ = name;
        var insert = await Session.PrepareAsync(
            "INSERT INTO all_types (id, a, t, vc, i, bi, b, f, d, dec, vi, ts, u, tu, bl, ip, li, st, mp, lts, mub, sdec) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        await Session.ExecuteAsync(insert.Bind(values));
        var select = await Session.PrepareAsync("SELECT * FROM all_types WHERE id = ?");
        var row = Assert.Single(await Session.ExecuteAsync(select.Bind(values[0])));
        AssertRow(row, values);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_type_round_trips_through_a_simple_statement_with_inferred_types(string name, object?[] values)
    {
        _ = name;
        var id = (int)values[0]! + 100;
        var copy = (object?[])values.Clone();
        copy[0] = id;
        await Session.ExecuteAsync(
            "INSERT INTO all_types (id, a, t, vc, i, bi, b, f, d, dec, vi, ts, u, tu, bl, ip, li, st, mp, lts, mub, sdec) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", copy);
        var row = Assert.Single(await Session.ExecuteAsync("SELECT * FROM all_types WHERE id = ?", id));
        AssertRow(row, copy);
    }

    [Fact]
    public async Task Nulls_empty_values_and_empty_collections_round_trip()
    {
        var insert = await Session.PrepareAsync("INSERT INTO all_types (id, a, t, i, bi, bl, ip, li, st, mp, u, dec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        await Session.ExecuteAsync(insert.Bind(
            10, null, "", CqlValue.Empty, null, Array.Empty<byte>(), null, new List<int>(), new HashSet<string>(), new Dictionary<string, int>(), null, null));
        var row = Assert.Single(await Session.ExecuteAsync("SELECT * FROM all_types WHERE id = 10"));

        Assert.True(row.IsNull("a"));
        Assert.Null(row.Get<string?>("a"));
        Assert.Equal(string.Empty, row.Get<string>("t"));
        Assert.False(row.IsNull("i"));
        Assert.Equal(0, row.GetBytes(row.IndexOf("i"))!.Value.Length);
        Assert.Null(row.Get<int?>("i"));
        Assert.True(row.IsNull("bi"));
        Assert.Null(row.Get<long?>("bi"));
        Assert.Throws<InvalidCastException>(() => row.Get<long>("bi"));
        Assert.Empty(row.Get<byte[]>("bl"));
        Assert.Null(row.Get<IPAddress?>("ip"));
        Assert.Null(row.Get<Guid?>("u"));
        Assert.Null(row.Get<decimal?>("dec"));
        // Cassandra stores an empty collection as no cells: it reads back as null, and typed reads give an empty collection.
        Assert.True(row.IsNull("li"));
        Assert.Empty(row.Get<List<int>>("li"));
        Assert.Empty(row.Get<HashSet<string>>("st"));
        Assert.Empty(row.Get<Dictionary<string, int>>("mp"));
        Assert.Empty(row.Get<IReadOnlyList<int>>("li"));
        Assert.Empty(row.Get<IReadOnlyDictionary<string, int>>("mp"));
    }

    [Fact]
    public async Task Raw_timestamp_milliseconds_cover_the_whole_long_range()
    {
        var insert = await Session.PrepareAsync("INSERT INTO all_types (id, ts) VALUES (?, ?)");
        await Session.ExecuteAsync(insert.Bind(11, long.MinValue));
        await Session.ExecuteAsync(insert.Bind(12, long.MaxValue));
        var select = await Session.PrepareAsync("SELECT ts FROM all_types WHERE id = ?");
        Assert.Equal(long.MinValue, (await Session.ExecuteAsync(select.Bind(11)))[0].Get<long>(0));
        var max = (await Session.ExecuteAsync(select.Bind(12)))[0];
        Assert.Equal(long.MaxValue, max.Get<long>(0));
        Assert.Throws<InvalidCastException>(() => max.Get<DateTimeOffset>(0));
    }

    [Fact]
    public async Task Counter_columns_count_from_minimum_to_maximum()
    {
        var update = await Session.PrepareAsync("UPDATE counters SET c = c + ? WHERE id = ?");
        await Session.ExecuteAsync(update.Bind(long.MaxValue, 1));
        await Session.ExecuteAsync(update.Bind(long.MinValue + 1, 2));
        await Session.ExecuteAsync(update.Bind(-1L, 2));
        await Session.ExecuteAsync(new SimpleStatement("UPDATE counters SET c = c + 5 WHERE id = 3"));
        var rows = await Session.ExecuteAsync("SELECT id, c FROM counters WHERE id IN (1, 2, 3)");
        var values = rows.ToDictionary(r => r.Get<int>("id"), r => r.Get<long>("c"));
        Assert.Equal(long.MaxValue, values[1]);
        Assert.Equal(long.MinValue, values[2]);
        Assert.Equal(5, values[3]);
    }

    [Fact]
    public async Task Protocol_v4_types_are_refused_clearly_on_v3_before_anything_is_sent()
    {
        Assert.Equal(3, Session.ProtocolVersion);
        foreach (var value in new object[] { (short)1, (sbyte)1, new DateOnly(2024, 1, 1), new TimeOnly(12, 0) })
        {
            var error = await Assert.ThrowsAsync<CqlUnsupportedFeatureException>(
                () => Session.ExecuteAsync("INSERT INTO all_types (id, i) VALUES (20, ?)", value));
            Assert.Contains("needs native protocol v4", error.Message);
            Assert.Contains("speaks v3", error.Message);
        }
        var unset = await Assert.ThrowsAsync<CqlUnsupportedFeatureException>(
            () => Session.ExecuteAsync("INSERT INTO all_types (id, i) VALUES (20, ?)", CqlValue.Unset));
        Assert.Contains("v4", unset.Message);
    }

    [Fact]
    public async Task Ascii_columns_refuse_non_ascii_text()
    {
        var insert = await Session.PrepareAsync("INSERT INTO all_types (id, a) VALUES (?, ?)");
        var thrown = await Assert.ThrowsAnyAsync<ArgumentException>(() => Session.ExecuteAsync(insert.Bind(30, "Grüße")));
        Assert.Contains("ascii", thrown.Message);
    }

    private static void AssertRow(Row row, object?[] expected)
    {
        Assert.Equal(expected[0], row.Get<int>("id"));
        Assert.Equal(expected[1], row.Get<string>("a"));
        Assert.Equal(expected[2], row.Get<string>("t"));
        Assert.Equal(expected[3], row.Get<string>("vc"));
        Assert.Equal(expected[4], row.Get<int>("i"));
        Assert.Equal(expected[5], row.Get<long>("bi"));
        Assert.Equal(expected[6], row.Get<bool>("b"));
        Assert.Equal(expected[7], row.Get<float>("f"));
        Assert.Equal(expected[8], row.Get<double>("d"));
        Assert.Equal(expected[9], row.Get<decimal>("dec"));
        Assert.Equal(expected[10], row.Get<BigInteger>("vi"));
        Assert.Equal(expected[11], row.Get<DateTimeOffset>("ts"));
        Assert.Equal(expected[12], row.Get<Guid>("u"));
        Assert.Equal(expected[13], row.Get<Guid>("tu"));
        Assert.Equal((byte[])expected[14]!, row.Get<byte[]>("bl"));
        Assert.Equal(expected[15], row.Get<IPAddress>("ip"));
        Assert.Equal((List<int>)expected[16]!, row.Get<List<int>>("li"));
        Assert.Equal((HashSet<string>)expected[17]!, row.Get<HashSet<string>>("st"));
        Assert.Equal((Dictionary<string, int>)expected[18]!, row.Get<Dictionary<string, int>>("mp"));
        Assert.Equal((List<DateTimeOffset>)expected[19]!, row.Get<List<DateTimeOffset>>("lts"));
        var blobs = row.Get<Dictionary<Guid, byte[]>>("mub");
        var expectedBlobs = (Dictionary<Guid, byte[]>)expected[20]!;
        Assert.Equal(expectedBlobs.Count, blobs.Count);
        foreach (var (key, value) in expectedBlobs)
        {
            Assert.Equal(value, blobs[key]);
        }
        Assert.Equal((HashSet<CqlDecimal>)expected[21]!, row.Get<HashSet<CqlDecimal>>("sdec"));
    }
}
