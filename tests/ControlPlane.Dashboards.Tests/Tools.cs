using ControlPlane.Testing;

namespace ControlPlane.Dashboards.Tests;

/// <summary>The command line tools these tests run, each installed by a scripts/prereqs.d step.</summary>
internal static class Tools
{
    public static string Promtool => Find("promtool", "40-prometheus.sh");

    public static string DockerCompose => Find("docker-compose", "50-docker-compose.sh");

    public static string NamedCheckconf => Find("named-checkconf", "10-dnsutils.sh");

    public static string NamedCheckzone => Find("named-checkzone", "10-dnsutils.sh");

    /// <summary>Runs <paramref name="tool"/> to completion: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(tool, arguments, timeout: TimeSpan.FromSeconds(60));
        return (exit, stdout + stderr);
    }

    private static string Find(string name, string prerequisite)
    {
        var path = ProcessRunner.FindTool(name);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{name} not found: scripts/prereqs.d/{prerequisite} installs it");
    }
}
