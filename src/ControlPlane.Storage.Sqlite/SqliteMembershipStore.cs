using Microsoft.Data.Sqlite;

namespace ControlPlane.Storage.Sqlite;

internal sealed class SqliteMembershipStore(SqliteDatabase db) : IMembershipStore
{
    private const string Columns = "silo_id, generation, region, datacenter, address, status, started_at, heartbeat_at";

    public Task<SiloEntry?> RegisterAsync(SiloEntry entry, TimeSpan liveFor, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var existing = await ReadAsync(c, t, entry.SiloId, cancellationToken);
            if (existing is not null && existing.Generation != entry.Generation && existing.Status == SiloStatus.Active
                && existing.Address != entry.Address && entry.HeartbeatAt - existing.HeartbeatAt < liveFor)
            {
                return existing;
            }

            using var upsert = c.Command(
                $"""
                INSERT INTO silos ({Columns}) VALUES ($id, $g, $r, $d, $a, $s, $st, $hb)
                ON CONFLICT (silo_id) DO UPDATE SET generation = $g, region = $r, datacenter = $d, address = $a, status = $s, started_at = $st, heartbeat_at = $hb
                """, t,
                ("$id", entry.SiloId), ("$g", entry.Generation), ("$r", entry.Region), ("$d", entry.Datacenter), ("$a", entry.Address.ToString()),
                ("$s", entry.Status.ToString()), ("$st", entry.StartedAt.ToUnixMs()), ("$hb", entry.HeartbeatAt.ToUnixMs()));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            return (SiloEntry?)null;
        }, cancellationToken);

    public Task<bool> HeartbeatAsync(string siloId, long generation, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var update = c.Command(
                "UPDATE silos SET heartbeat_at = $hb WHERE silo_id = $id AND generation = $g AND status = 'Active'", t,
                ("$hb", at.ToUnixMs()), ("$id", siloId), ("$g", generation));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<SiloEntry>>(async c =>
        {
            using var select = c.Command($"SELECT {Columns} FROM silos ORDER BY silo_id", null);
            var result = new List<SiloEntry>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(Read(reader));
            }

            return result;
        }, cancellationToken);

    public Task<bool> DeclareDeadAsync(string siloId, long generation, DateTimeOffset lastSeenHeartbeat, CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            using var update = c.Command(
                "UPDATE silos SET status = 'Dead' WHERE silo_id = $id AND generation = $g AND status = 'Active' AND heartbeat_at = $hb", t,
                ("$id", siloId), ("$g", generation), ("$hb", lastSeenHeartbeat.ToUnixMs()));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    private static async Task<SiloEntry?> ReadAsync(SqliteConnection c, SqliteTransaction t, string siloId, CancellationToken cancellationToken)
    {
        using var select = c.Command($"SELECT {Columns} FROM silos WHERE silo_id = $id", t, ("$id", siloId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static SiloEntry Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), new Uri(r.GetString(4)),
        Enum.Parse<SiloStatus>(r.GetString(5)), SqliteCommands.FromUnixMs(r.GetInt64(6)), SqliteCommands.FromUnixMs(r.GetInt64(7)));
}
