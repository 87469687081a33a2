namespace ControlPlane.StatusPage.Tests;

/// <summary>Where tests keep what a person may want to look at afterwards: <c>var/test-results/status-page/</c> of the repository.</summary>
internal static class Artifacts
{
    public static string Directory { get; } = Create();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    private static string Create()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ControlPlane.sln")))
        {
            folder = folder.Parent;
        }

        var root = folder?.FullName ?? AppContext.BaseDirectory;
        var directory = Path.Combine(root, "var", "test-results", "status-page");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
