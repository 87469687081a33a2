using System.Diagnostics;
using ControlPlane.Storage.Cassandra;

namespace ControlPlane.Silo.Tests;

/// <summary>
/// cassandra.sh's "store-cluster": three Cassandra nodes, one per datacenter (s1 127.0.0.16 dc1, s2 .17 dc2,
/// s3 .18 dc3), started once for the Cassandra cluster tests. Its own addresses, so the CQL client's
/// cluster tests (127.0.0.11-13) may run at the same time.
/// </summary>
public sealed class CassandraClusterFixture : IAsyncLifetime
{
    public static readonly string[] Addresses = ["127.0.0.16", "127.0.0.17", "127.0.0.18"];

    /// <summary>Store options on a fresh keyspace replicated once in each datacenter (the test's own view is from dc1).</summary>
    public static CassandraStoreOptions Options(string prefix) => new()
    {
        ContactPoints = Addresses.ToList(),
        LocalDatacenter = "dc1",
        Keyspace = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 48)],
        Replication = { ["dc1"] = 1, ["dc2"] = 1, ["dc3"] = 1 },
    };

    /// <summary>The system log of a node (var/cassandra/NODE/system.log).</summary>
    public static string LogPath(string node) => Path.Combine(RepositoryRoot, "var", "cassandra", node, "system.log");

    public static async Task RunScriptAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "cassandra", "cassandra.sh"));
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

    public Task InitializeAsync() => RunScriptAsync("start", "store-cluster");

    public Task DisposeAsync() => RunScriptAsync("stop", "store-cluster");

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ControlPlane.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (ControlPlane.sln).");
    }
}

/// <summary>Runs alone: three Cassandra nodes and three silos are as much as this machine's two cores carry next to other cluster tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CassandraClusterCollection : ICollectionFixture<CassandraClusterFixture>
{
    public const string Name = "Cassandra store cluster";
}
