using System.Diagnostics;

namespace ControlPlane.Clustering.Tests.Cassandra;

/// <summary>Runs scripts/cassandra/cassandra.sh, the only way the tests start and stop Cassandra.</summary>
internal static class CassandraScript
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "cassandra", "cassandra.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cassandra.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

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
