using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Clustering.Sqlite;

/// <summary>Opens connections to the shared database file and runs each check-and-write as one <c>BEGIN IMMEDIATE</c> transaction.</summary>
/// <remarks>
/// WAL mode lets readers proceed during a write. <c>BEGIN IMMEDIATE</c> takes SQLite's single write lock
/// before the first read (waiting up to the busy timeout), so a read-check-write inside it is atomic
/// across every process that opens the file; a deferred transaction would read first and could fail
/// to upgrade its lock, or, worse, decide on a stale read. Within a process, writes of one instance
/// also queue on a semaphore so they do not spin on the busy handler.
/// </remarks>
internal sealed class SqliteMembershipDatabase
{
    private static int s_initialized;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteMembershipDatabase(SqliteMembershipOptions options)
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> inside <c>BEGIN IMMEDIATE</c> .. <c>COMMIT</c>; rolls back when it throws or returns a result that says so.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);

            // Not deferred: Microsoft.Data.Sqlite issues BEGIN IMMEDIATE, taking the write lock now.
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // A deferred transaction: the version and the rows come from one snapshot of the file.
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
