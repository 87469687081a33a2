using ControlPlane.Configuration.Silo;
using ControlPlane.Storage;
using ControlPlane.Storage.Cassandra;
using ControlPlane.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Silo;

/// <summary>Builds the store the silo settings choose: the embedded SQLite file or a Cassandra cluster.</summary>
internal static class StoreFactory
{
    /// <summary>Why <paramref name="settings"/> cannot give a store (settings and password file checked), or null.</summary>
    public static string? Problem(StoreSettings settings)
    {
        switch (settings.Kind)
        {
            case StoreKind.Sqlite:
                return settings.Sqlite is null ? "store.sqlite is required when store.kind is sqlite" : null;
            case StoreKind.Cassandra when settings.Cassandra is null:
                return "store.cassandra is required when store.kind is cassandra";
            case StoreKind.Cassandra:
                try
                {
                    var errors = CassandraOptions(settings.Cassandra, null).Validate();
                    return errors.Count == 0 ? null : "store.cassandra: " + string.Join(" ", errors);
                }
                catch (IOException e)
                {
                    return $"store.cassandra.passwordFile: cannot be read ({e.Message})";
                }
                catch (UnauthorizedAccessException e)
                {
                    return $"store.cassandra.passwordFile: cannot be read ({e.Message})";
                }

            default:
                return $"store.kind {settings.Kind} is not supported by this build";
        }
    }

    /// <summary>The store of <paramref name="settings"/>, not yet initialized; call <see cref="Problem"/> first.</summary>
    public static IControlPlaneStore Create(StoreSettings settings, ILoggerFactory? loggerFactory) => settings.Kind switch
    {
        StoreKind.Cassandra => new CassandraControlPlaneStore(CassandraOptions(settings.Cassandra!, loggerFactory)),
        _ => new SqliteControlPlaneStore(settings.Sqlite!.Path),
    };

    private static CassandraStoreOptions CassandraOptions(CassandraStoreSettings cassandra, ILoggerFactory? loggerFactory) => new()
    {
        ContactPoints = cassandra.ContactPoints.ToList(),
        Port = cassandra.Port,
        LocalDatacenter = cassandra.LocalDatacenter,
        Keyspace = cassandra.Keyspace,
        Replication = cassandra.Replication.ToDictionary(r => r.Key, r => r.Value),
        Username = cassandra.Username,
        Password = cassandra.PasswordFile is { } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : null,
        LoggerFactory = loggerFactory,
    };
}
