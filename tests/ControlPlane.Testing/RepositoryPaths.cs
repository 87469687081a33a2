namespace ControlPlane.Testing;

/// <summary>Where the repository's files are, seen from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ControlPlane.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below <see cref="Root"/>, given as segments: <c>Of("deploy", "prometheus", "rules.yml")</c>.</summary>
    public static string Of(params string[] segments) => Path.Combine([Root, .. segments]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ControlPlane.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no ControlPlane.sln above {AppContext.BaseDirectory}");
    }
}
