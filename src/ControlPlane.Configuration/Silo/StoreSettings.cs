namespace ControlPlane.Configuration.Silo;

/// <summary>The chosen store and the settings of each store that was configured.</summary>
/// <param name="Kind">Default <see cref="StoreKind.Sqlite"/>.</param>
/// <param name="Sqlite">Set whenever <c>store.sqlite</c> is present; always set when <paramref name="Kind"/> is Sqlite.</param>
/// <param name="Cassandra">Set whenever <c>store.cassandra</c> is present; always set when <paramref name="Kind"/> is Cassandra.</param>
public sealed record StoreSettings(StoreKind Kind, SqliteStoreSettings? Sqlite, CassandraStoreSettings? Cassandra);
