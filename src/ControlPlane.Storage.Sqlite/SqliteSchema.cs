namespace ControlPlane.Storage.Sqlite;

/// <summary>The schema, created idempotently. Times are Unix milliseconds (UTC) so they sort and compare as integers.</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS definitions (
            version      INTEGER PRIMARY KEY,
            yaml         TEXT    NOT NULL,
            content_hash TEXT    NOT NULL,
            applied_at   INTEGER NOT NULL,
            applied_by   TEXT    NOT NULL);
        CREATE TABLE IF NOT EXISTS shard_leases (
            shard_id   TEXT    PRIMARY KEY,
            owner      TEXT    NOT NULL,
            token      INTEGER NOT NULL,
            expires_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS silos (
            silo_id      TEXT    PRIMARY KEY,
            generation   INTEGER NOT NULL,
            region       TEXT    NOT NULL,
            datacenter   TEXT    NOT NULL,
            address      TEXT    NOT NULL,
            status       TEXT    NOT NULL,
            started_at   INTEGER NOT NULL,
            heartbeat_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS grain_state (
            kind       TEXT    NOT NULL,
            key        TEXT    NOT NULL,
            state      TEXT    NOT NULL,
            shard_id   TEXT    NOT NULL,
            token      INTEGER NOT NULL,
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
}
