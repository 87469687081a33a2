namespace ControlPlane.Clustering.Sqlite;

/// <summary>Where the SQLite membership table lives. Every property states its default.</summary>
public sealed class SqliteMembershipOptions
{
    /// <summary>
    /// The database file, shared by every silo process of the machine (it may be the embedded store's
    /// file: the tables are named <c>orleans_membership</c> and <c>orleans_membership_version</c>). Required.
    /// </summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a write waits for another process's write lock (SQLite busy_timeout). Default 10 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All problems of these options at once, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            errors.Add("DatabasePath: required.");
        }
        else if (DatabasePath.Contains(';', StringComparison.Ordinal) || DatabasePath == ":memory:")
        {
            errors.Add($"DatabasePath: '{DatabasePath}' must be a file path (an in-memory database cannot be shared by processes).");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"BusyTimeout: {BusyTimeout} must be between 0 and 10 minutes.");
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, when there is any.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(SqliteMembershipOptions)}:\n  " + string.Join("\n  ", errors));
        }
    }
}
