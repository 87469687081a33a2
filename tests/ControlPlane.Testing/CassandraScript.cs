using System.Diagnostics;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Testing;

/// <summary>Runs <c>scripts/cassandra/cassandra.sh</c> (start, stop, kill, start-node, wait ...) and fails with its output.</summary>
public static class CassandraScript
{
    /// <summary>The store's three-datacenter cluster of <c>cassandra.sh start store-cluster</c>: s1 dc1, s2 dc2, s3 dc3.</summary>
    public static readonly string[] StoreClusterAddresses = ["127.0.0.16", "127.0.0.17", "127.0.0.18"];

    public static readonly string[] StoreClusterNodes = ["s1", "s2", "s3"];

    /// <summary>Store options on the store cluster with a fresh keyspace replicated once in each datacenter (seen from dc1).</summary>
    public static CassandraStoreOptions StoreClusterOptions(string prefix) => new()
    {
        ContactPoints = StoreClusterAddresses.ToList(),
        LocalDatacenter = "dc1",
        Keyspace = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 48)],
        Replication = { ["dc1"] = 1, ["dc2"] = 1, ["dc3"] = 1 },
    };

    public static async Task RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.Of("scripts", "cassandra", "cassandra.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cassandra.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
