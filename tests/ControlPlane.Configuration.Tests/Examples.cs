namespace ControlPlane.Configuration.Tests;

/// <summary>The example documents in <c>Examples/</c>, copied beside the test assembly.</summary>
internal static class Examples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Examples");

    public static string ClusterPath => Path.Combine(Folder, "cluster.yaml");

    public static string SiloPath => Path.Combine(Folder, "silo.yaml");

    public static string Cluster => File.ReadAllText(ClusterPath);

    public static string Silo => File.ReadAllText(SiloPath);

    /// <summary>1-based line of the only line containing <paramref name="marker"/>, so tests assert exact positions without counting by hand.</summary>
    public static int LineOf(string yaml, string marker)
    {
        var lines = yaml.Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"marker '{marker}' is on {found.Count} lines, expected exactly one");
        return found[0] + 1;
    }

    /// <summary>1-based column where <paramref name="marker"/> starts on its line.</summary>
    public static int ColumnOf(string yaml, string marker)
    {
        var line = yaml.Split('\n')[LineOf(yaml, marker) - 1];
        return line.IndexOf(marker, StringComparison.Ordinal) + 1;
    }
}
