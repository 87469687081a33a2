using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace ControlPlane.Silo.Tests;

/// <summary>A drain survives the kill -9 of the silo running it: two silo processes sharing one SQLite file.</summary>
public sealed class ClusterDrainTests(ITestOutputHelper output)
{
    private const int Ttl = 3;

    [Fact]
    public async Task A_drain_whose_endpoint_grain_is_killed_mid_drain_completes_on_the_other_silo_once()
    {
        var targets = new Dictionary<string, (IPEndPoint Listen, DemoTarget Target)>();
        foreach (var id in new[] { "side-a", "side-b" })
        {
            var address = LoopbackAddresses.Next();
            var listen = new IPEndPoint(address, LoopbackAddresses.FreePort(address));
            targets[id] = (listen, await DemoTarget.StartAsync(id, listen, CancellationToken.None));
        }

        try
        {
            var endpoints = string.Join(", ", targets.Select(t =>
                $"{{ id: {t.Key}, address: {t.Value.Listen.Address}, port: {t.Value.Listen.Port.ToString(CultureInfo.InvariantCulture)}, datacenter: dc1 }}"));
            var side = $"{{ id: side, dns: {{ provider: zone, name: side.example.test., ttl: {Ttl} }}, policy: multivalue, check: http, health: {{ fall: 2, rise: 2 }}, endpoints: [{endpoints}] }}";
            await using var cluster = await ClusterScenario.CreateAsync(null, new ClusterDefinitionExtras([], [side]), "web-a");
            await Task.WhenAll(cluster.StartSiloAsync("silo-eu-central", "eu-central"), cluster.StartSiloAsync("silo-us-east", "us-east"));
            await cluster.WaitForAsync(() => Task.FromResult(SideAddresses(cluster).Count == 2), TimeSpan.FromSeconds(20), "side publishes both endpoints");

            string? owner = null;
            await cluster.WaitForAsync(async () => (owner = await cluster.OwnerOfAsync("endpoint", "side-a")) is not null, TimeSpan.FromSeconds(10), "endpoint/side-a has an owner");
            var survivor = cluster.Silos.Single(s => s.Key != owner).Value;

            var (status, drain) = await survivor.PostJsonAsync("/api/v1/endpoints/side-a/drain", new { reason = "kernel", actor = "rolling-restart" });
            Assert.Equal(202, status);
            var id = drain.GetProperty("id").GetString()!;
            await cluster.Silos[owner!].KillAsync();
            var killedAt = DateTimeOffset.UtcNow;

            var drained = await survivor.WaitForDrainAsync(id, "drained", "drained", TimeSpan.FromSeconds(45));
            output.WriteLine($"drained {(drained.Time("drainedAt") - killedAt).TotalSeconds:0.0} s after the kill -9 of {owner}");
            Assert.Equal([targets["side-b"].Listen.Address.ToString()], SideAddresses(cluster));
            Assert.True(drained.Time("drainedAt") - drained.Time("notServedSince") >= TimeSpan.FromSeconds(Ttl), drained.ToString());
            Assert.NotEqual(owner, await cluster.OwnerOfAsync("endpoint", "side-a"));

            var kinds = (await survivor.DecisionsOfAsync("side-a")).Select(d => d.Kind()).ToList();
            Assert.Single(kinds, "drainStarted");
            Assert.Single(kinds, "drained");
        }
        finally
        {
            foreach (var (_, target) in targets.Values)
            {
                await target.DisposeAsync();
            }
        }
    }

    /// <summary>The A records of side.example.test. in the zone file, sorted.</summary>
    private static List<string> SideAddresses(ClusterScenario cluster) =>
        File.Exists(cluster.ZonePath)
            ? File.ReadAllLines(cluster.ZonePath).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length == 5 && f[0] == "side.example.test." && f[3] == "A").Select(f => f[4]).Order(StringComparer.Ordinal).ToList()
            : [];
}
