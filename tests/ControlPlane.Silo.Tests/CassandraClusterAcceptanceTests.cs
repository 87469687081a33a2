using Xunit.Abstractions;

namespace ControlPlane.Silo.Tests;

/// <summary>Issue 4's acceptance on Cassandra: three silos in three regions, each on its own Cassandra datacenter.</summary>
[Collection(CassandraClusterCollection.Name)]
public sealed class CassandraClusterAcceptanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_a_whole_cassandra_datacenter_down_the_control_plane_still_decides_and_fails_over()
    {
        await using var cluster = await ClusterScenario.CreateAsync(CassandraClusterFixture.Options("e2e"), "web-a", "web-b", "web-c");
        var started = DateTime.UtcNow;
        await cluster.StartOneSiloPerRegionAsync(); // on a new keyspace: the three silos race to create the schema
        output.WriteLine($"silos answering after {(DateTime.UtcNow - started).TotalSeconds:0.0} s (schema created by one of them)");
        await cluster.WaitForPublishedAsync(TimeSpan.FromSeconds(30), "web-a", "web-b", "web-c");
        var api = cluster.Silos["silo-eu-central"];
        await cluster.WaitForAsync(async () => await ReportingRegionsAsync(api, "web-a") == 3, TimeSpan.FromSeconds(20), "all three regions report web-a");

        // dc3 goes away with its only node: the ap-south silo's local datacenter. Agreement (leases,
        // fences, membership) needs two datacenters of three, so the other two carry on.
        var survivorLog = CassandraClusterFixture.LogPath("s1");
        var logOffset = new FileInfo(survivorLog).Length;
        await CassandraClusterFixture.RunScriptAsync("kill", "s3");
        var detected = await cluster.WaitForAsync(() => Task.FromResult(LogSince(survivorLog, logOffset).Contains("/127.0.0.18 is now DOWN", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(45), "dc1's node marks dc3's node DOWN");
        output.WriteLine($"s3 marked DOWN by s1 {detected.TotalSeconds:0.0} s after kill -9");

        cluster.Target("web-a").SetDown(null);
        var failover = await cluster.WaitForAsync(() => Task.FromResult(Published(cluster, "web-b", "web-c")), TimeSpan.FromSeconds(30), "web-a out of the zone");
        cluster.Target("web-a").SetUp();
        var recovery = await cluster.WaitForAsync(() => Task.FromResult(Published(cluster, "web-a", "web-b", "web-c")), TimeSpan.FromSeconds(30), "web-a back in the zone");
        output.WriteLine($"with dc3 down: web-a out of the zone {failover.TotalSeconds:0.0} s after it failed, back {recovery.TotalSeconds:0.0} s after it recovered");

        // Decided once each way, from the two regions still reporting, and recorded once. The audit
        // tables are written in the deciding silo's datacenter and read here in dc1: wait for them to
        // arrive (replication), then require exactly one decision each way and one DNS change each way.
        List<string?> decisions = [];
        List<int> changes = [];
        await cluster.WaitForAsync(async () =>
        {
            decisions = (await api.GetJsonAsync("/api/v1/decisions?endpoint=web-a&limit=100")).EnumerateArray()
                .Where(d => d.GetProperty("kind").GetString() == "healthChanged").Select(d => d.GetProperty("to").GetString()).ToList();
            changes = (await api.GetJsonAsync("/api/v1/dns-changes?service=web&limit=100")).EnumerateArray()
                .Select(c => c.GetProperty("after").GetArrayLength()).ToList();
            return decisions.Take(2).SequenceEqual(["healthy", "unhealthy"]) && changes.Take(2).SequenceEqual([3, 2]);
        }, TimeSpan.FromSeconds(20), "both decisions and both DNS changes readable from dc1");
        Assert.Equal(1, decisions.Count(to => to == "unhealthy"));
        Assert.Equal(["healthy", "unhealthy"], decisions.Take(2)); // newest first
        Assert.Equal([3, 2], changes.Take(2)); // newest first: web-a back, then web-a out
    }

    private static bool Published(ClusterScenario cluster, params string[] ids) =>
        cluster.PublishedAddresses().SequenceEqual(ids.Select(cluster.AddressOf).Order(StringComparer.Ordinal));

    private static async Task<int> ReportingRegionsAsync(SiloProcess silo, string endpoint)
    {
        try
        {
            return (await silo.GetJsonAsync($"/api/v1/endpoints/{endpoint}")).GetProperty("regions").EnumerateArray()
                .Count(r => r.GetProperty("status").GetString() == "reporting");
        }
        catch (TaskCanceledException)
        {
            return 0; // the API waits on a grain that is moving; ask again
        }
    }

    private static string LogSince(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }
}
