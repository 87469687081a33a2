namespace ControlPlane.Storage.Sqlite;

/// <summary>The embedded store: the whole storage contract in one SQLite file.</summary>
public sealed class SqliteControlPlaneStore : IControlPlaneStore
{
    private readonly SqliteDatabase _db;

    public SqliteControlPlaneStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _db = new SqliteDatabase(path);
        Definitions = new SqliteDefinitionStore(_db);
        GrainState = new SqliteGrainStateStore(_db);
        Observations = new SqliteObservationStore(_db);
        Audit = new SqliteAuditStore(_db);
        Access = new SqliteAccessStore(_db);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public IDefinitionStore Definitions { get; }

    public IGrainStateStore GrainState { get; }

    public IObservationStore Observations { get; }

    public IAuditStore Audit { get; }

    public IAccessStore Access { get; }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _db.WriteAsync(async (c, t) =>
        {
            using (var create = c.Command(SqliteSchema.Create, t))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            using (var access = c.Command(SqliteAccessStore.Schema, t))
            {
                await access.ExecuteNonQueryAsync(cancellationToken);
            }

            using var check = c.Command(SqliteSchema.HasLeaseColumns, t);
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                using var migrate = c.Command(SqliteSchema.MigrateLeaseSchema, t);
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
