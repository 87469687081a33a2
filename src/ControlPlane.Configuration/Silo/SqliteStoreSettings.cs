namespace ControlPlane.Configuration.Silo;

/// <summary>The embedded SQLite store.</summary>
/// <param name="Path">Absolute path of the database file.</param>
public sealed record SqliteStoreSettings(string Path);
