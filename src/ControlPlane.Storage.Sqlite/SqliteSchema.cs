namespace ControlPlane.Storage.Sqlite;

/// <summary>The schema, created idempotently. Times are Unix milliseconds (UTC) so they sort and compare as integers.</summary>
/// <remarks>
/// A file written by the lease-based runtime is migrated by <see cref="MigrateLeaseSchema"/> in the same
/// transaction: its grain rows get a fresh random ETag and lose their shard and token, and the lease and
/// silo tables (fencing and membership no longer live here) are dropped.
/// </remarks>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS definitions (
            version      INTEGER PRIMARY KEY,
            yaml         TEXT    NOT NULL,
            content_hash TEXT    NOT NULL,
            applied_at   INTEGER NOT NULL,
            applied_by   TEXT    NOT NULL);
        CREATE TABLE IF NOT EXISTS grain_state (
            kind       TEXT    NOT NULL,
            key        TEXT    NOT NULL,
            state      TEXT    NOT NULL,
            etag       TEXT    NOT NULL,
            PRIMARY KEY (kind, key));
        CREATE TABLE IF NOT EXISTS observations (
            endpoint_id TEXT    NOT NULL,
            region      TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            json        TEXT    NOT NULL,
            PRIMARY KEY (endpoint_id, region));
        CREATE TABLE IF NOT EXISTS decisions (
            id          TEXT    PRIMARY KEY,
            service_id  TEXT    NOT NULL,
            endpoint_id TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            json        TEXT    NOT NULL);
        CREATE INDEX IF NOT EXISTS decisions_by_time ON decisions (at);
        CREATE INDEX IF NOT EXISTS decisions_by_service ON decisions (service_id, at);
        CREATE INDEX IF NOT EXISTS decisions_by_endpoint ON decisions (endpoint_id, at);
        CREATE TABLE IF NOT EXISTS dns_changes (
            id          TEXT    PRIMARY KEY,
            service_id  TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            json        TEXT    NOT NULL);
        CREATE INDEX IF NOT EXISTS dns_changes_by_service ON dns_changes (service_id, at);
        """;

    /// <summary>Whether <c>grain_state</c> still has the columns of the lease-based runtime.</summary>
    public const string HasLeaseColumns = "SELECT count(*) FROM pragma_table_info('grain_state') WHERE name = 'token'";

    /// <summary>Turns a lease-fenced <c>grain_state</c> into an ETag-fenced one and drops the lease and silo tables.</summary>
    public const string MigrateLeaseSchema = """
        ALTER TABLE grain_state ADD COLUMN etag TEXT NOT NULL DEFAULT '';
        UPDATE grain_state SET etag = lower(hex(randomblob(16)));
        ALTER TABLE grain_state DROP COLUMN shard_id;
        ALTER TABLE grain_state DROP COLUMN token;
        DROP TABLE IF EXISTS shard_leases;
        DROP TABLE IF EXISTS silos;
        """;
}
