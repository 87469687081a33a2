using ControlPlane.Core.Model;

namespace ControlPlane.Storage.Sqlite;

internal sealed class SqliteObservationStore(SqliteDatabase db) : IObservationStore
{
    public Task UpsertLatestAsync(Observation observation, CancellationToken cancellationToken) =>
        UpsertLatestAsync([observation], cancellationToken);

    public Task UpsertLatestAsync(IReadOnlyCollection<Observation> observations, CancellationToken cancellationToken) =>
        observations.Count == 0 ? Task.CompletedTask : db.WriteAsync(async (c, t) =>
        {
            foreach (var observation in observations)
            {
                using var upsert = c.Command(
                    """
                    INSERT INTO observations (endpoint_id, region, at, json) VALUES ($e, $r, $at, $j)
                    ON CONFLICT (endpoint_id, region) DO UPDATE SET at = $at, json = $j WHERE excluded.at >= observations.at
                    """, t,
                    ("$e", observation.EndpointId), ("$r", observation.Region), ("$at", observation.At.ToUnixMs()), ("$j", StoreJson.Serialize(observation)));
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<Observation>> GetLatestAsync(string endpointId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Observation>>(async c =>
        {
            using var select = c.Command("SELECT json FROM observations WHERE endpoint_id = $e ORDER BY region", null, ("$e", endpointId));
            return (await select.ReadStringsAsync(cancellationToken)).Select(StoreJson.Deserialize<Observation>).ToList();
        }, cancellationToken);
}
