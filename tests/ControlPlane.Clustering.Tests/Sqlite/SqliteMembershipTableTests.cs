using ControlPlane.Clustering.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace ControlPlane.Clustering.Tests.Sqlite;

/// <summary>The conformance suite on SQLite; the racers are separate table instances (separate connections to one file), as silo processes would be.</summary>
public sealed class SqliteMembershipTableTests : MembershipTableConformanceTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cp-membership-{Guid.NewGuid():N}");

    internal string DatabasePath => Path.Combine(_directory, "controlplane.db");

    protected override IMembershipTable CreateTable(string clusterId) => Create(DatabasePath, clusterId);

    protected override IMembershipTable[] Racing(IMembershipTable table, string clusterId) =>
        Enumerable.Range(0, 10).Select(_ => CreateTable(clusterId)).ToArray();

    internal static SqliteMembershipTable Create(string path, string clusterId) => new(
        new SqliteMembershipOptions { DatabasePath = path },
        Options.Create(new ClusterOptions { ServiceId = "controlplane", ClusterId = clusterId }),
        NullLoggerFactory.Instance);

    [Fact]
    public void Options_without_a_file_path_are_refused_naming_the_field()
    {
        var errors = new SqliteMembershipOptions { DatabasePath = ":memory:", BusyTimeout = TimeSpan.FromHours(1) }.Validate();
        Assert.Contains(errors, e => e.StartsWith("DatabasePath:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("BusyTimeout:", StringComparison.Ordinal));
        Assert.Contains("DatabasePath: required.", new SqliteMembershipOptions().Validate());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
