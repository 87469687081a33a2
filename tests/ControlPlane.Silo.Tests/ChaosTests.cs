using System.Globalization;
using ControlPlane.Testing;
using ControlPlane.Testing.Chaos;
using Xunit.Abstractions;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// The short seeded chaos run of CI (scripts/chaos.sh runs long ones): every kind of fault once, on
/// the three-datacenter Cassandra cluster, and the history checked. The seed comes from
/// <c>CONTROLPLANE_CHAOS_SEED</c> when set, so a failing run can be repeated; the history is kept in
/// var/test-results/chaos-SEED.jsonl.
/// </summary>
[Collection(CassandraClusterCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [ChaosFact]
    public async Task A_short_seeded_chaos_run_makes_no_false_or_missed_failover_and_loses_nothing()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("CONTROLPLANE_CHAOS_SEED") ?? "20261206", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("CONTROLPLANE_CHAOS_SECONDS") ?? "60", CultureInfo.InvariantCulture));
        foreach (var node in CassandraScript.StoreClusterNodes)
        {
            await CassandraScript.RunAsync("start-node", node); // an earlier test of the collection may have killed one; a running node is left alone
        }

        await CassandraScript.RunAsync(["wait", .. CassandraScript.StoreClusterNodes]);
        await using var env = await ChaosEnvironment.StartAsync(CassandraClusterFixture.Options("chaos"), targets: 4);
        await env.StartSilosAsync();
        var runner = new ChaosRunner(env, new ChaosOptions(seed, duration, a => CassandraScript.RunAsync(a), CassandraScript.StoreClusterNodes), output.WriteLine);
        var path = RepositoryPaths.Of("var", "test-results", $"chaos-{seed.ToString(CultureInfo.InvariantCulture)}.jsonl");
        ChaosReport report;
        try
        {
            (var history, report) = await runner.RunAsync();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await history.WriteAsync(path);
        }
        finally
        {
            env.Cluster.CopyLogsTo(Path.ChangeExtension(path, null) + "-logs");
        }

        output.WriteLine(report.ToMarkdown());
        Assert.True(report.Passed, $"seed {seed}: history in {path}\n{report.ToMarkdown()}");
        Assert.True(report.FaultsInjected.Count >= 8, $"every kind of fault once; injected: {string.Join(", ", report.FaultsInjected.Keys)}");
    }
}
