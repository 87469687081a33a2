using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Text.Json;
using ControlPlane.Cql.Tests.Infrastructure;

namespace ControlPlane.Cql.Tests.Integration;

/// <summary>Rows written by this client are read by Debian's python3-cassandra, and the other way round.</summary>
[Collection(SingleNodeCollection.Name)]
public sealed class PythonInteropTests : IAsyncLifetime
{
    private const string Columns = "id, a, t, i, bi, b, f, d, dec, vi, ts, u, tu, bl, ip, li, st, mp";
    private readonly SingleNodeFixture _fixture;

    public PythonInteropTests(SingleNodeFixture fixture)
    {
        _fixture = fixture;
    }

    private ICqlSession Session => _fixture.Session;

    public async Task InitializeAsync()
    {
        await Session.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS interop (id int PRIMARY KEY, a ascii, t text, i int, bi bigint, b boolean, f float, d double, " +
            "dec decimal, vi varint, ts timestamp, u uuid, tu timeuuid, bl blob, ip inet, li list<int>, st set<text>, mp map<text, int>)");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rows_written_by_this_client_are_read_by_python3_cassandra()
    {
        var insert = await Session.PrepareAsync($"INSERT INTO interop ({Columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        await Session.ExecuteAsync(insert.Bind(
            1, "ascii-cs", "Grüße aus C# 🚀 東京", int.MinValue, long.MaxValue, false, 0.25f, 1e300,
            -0.000123456789m, BigInteger.Parse("-123456789012345678901234567890"),
            new DateTimeOffset(1999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
            Guid.Parse("6ba7b810-9dad-41d1-80b4-00c04fd430c8"), Guid.Parse("8b5b0f60-9a4e-11ee-8c90-0242ac120002"),
            new byte[] { 0xde, 0xad, 0xbe, 0xef }, IPAddress.Parse("192.0.2.7"),
            new List<int> { 9, 8, 7 }, new HashSet<string> { "ä", "b" }, new Dictionary<string, int> { ["k"] = -1 }));

        var json = JsonDocument.Parse(await RunPythonAsync("read", 1)).RootElement;

        Assert.Equal("ascii-cs", json.GetProperty("a").GetString());
        Assert.Equal("Grüße aus C# 🚀 東京", json.GetProperty("t").GetString());
        Assert.Equal(int.MinValue, json.GetProperty("i").GetInt32());
        Assert.Equal(long.MaxValue, json.GetProperty("bi").GetInt64());
        Assert.False(json.GetProperty("b").GetBoolean());
        Assert.Equal(0.25, json.GetProperty("f").GetDouble());
        Assert.Equal(1e300, json.GetProperty("d").GetDouble());
        Assert.Equal("-0.000123456789", json.GetProperty("dec").GetString());
        Assert.Equal("-123456789012345678901234567890", json.GetProperty("vi").GetString());
        Assert.Equal(new DateTimeOffset(1999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).ToUnixTimeMilliseconds(), json.GetProperty("ts").GetInt64());
        Assert.Equal("6ba7b810-9dad-41d1-80b4-00c04fd430c8", json.GetProperty("u").GetString());
        Assert.Equal("8b5b0f60-9a4e-11ee-8c90-0242ac120002", json.GetProperty("tu").GetString());
        Assert.Equal("deadbeef", json.GetProperty("bl").GetString());
        Assert.Equal("192.0.2.7", json.GetProperty("ip").GetString());
        Assert.Equal([9, 8, 7], json.GetProperty("li").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["b", "ä"], json.GetProperty("st").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(-1, json.GetProperty("mp").GetProperty("k").GetInt32());
    }

    [Fact]
    public async Task Rows_written_by_python3_cassandra_are_read_by_this_client()
    {
        Assert.Equal("written", (await RunPythonAsync("write", 2)).Trim());

        var row = Assert.Single(await Session.ExecuteAsync($"SELECT {Columns} FROM interop WHERE id = 2"));
        Assert.Equal("ascii-py", row.Get<string>("a"));
        Assert.Equal("Grüße aus Python 🐍 東京", row.Get<string>("t"));
        Assert.Equal(-42, row.Get<int>("i"));
        Assert.Equal(9007199254740993L, row.Get<long>("bi"));
        Assert.True(row.Get<bool>("b"));
        Assert.Equal(1.5f, row.Get<float>("f"));
        Assert.Equal(-2.25, row.Get<double>("d"));
        Assert.Equal(-12345.6789m, row.Get<decimal>("dec"));
        Assert.Equal(BigInteger.Pow(10, 30), row.Get<BigInteger>("vi"));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 12, 34, 56, 789, TimeSpan.Zero), row.Get<DateTimeOffset>("ts"));
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), row.Get<Guid>("u"));
        Assert.Equal(Guid.Parse("8b5b0f60-9a4e-11ee-8c90-0242ac120002"), row.Get<Guid>("tu"));
        Assert.Equal(new byte[] { 0x00, 0x01, 0xfe, 0xff }, row.Get<byte[]>("bl"));
        Assert.Equal(IPAddress.Parse("2001:db8::1"), row.Get<IPAddress>("ip"));
        Assert.Equal([3, 1, 2], row.Get<List<int>>("li"));
        Assert.Equal(new HashSet<string> { "x", "y" }, row.Get<HashSet<string>>("st"));
        Assert.Equal(new Dictionary<string, int> { ["one"] = 1, ["two"] = 2 }, row.Get<Dictionary<string, int>>("mp"));
    }

    private static async Task<string> RunPythonAsync(string mode, int id)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "python_client.py"));
        info.ArgumentList.Add(mode);
        info.ArgumentList.Add(SingleNodeFixture.Address);
        info.ArgumentList.Add(SingleNodeFixture.Keyspace);
        info.ArgumentList.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"python3 {mode} failed: {await stderr}");
        return await stdout;
    }
}
