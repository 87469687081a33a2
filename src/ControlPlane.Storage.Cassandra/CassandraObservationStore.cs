using ControlPlane.Core.Model;

namespace ControlPlane.Storage.Cassandra;

/// <summary>The latest observation per endpoint and region, with a TTL, at LOCAL_QUORUM.</summary>
/// <remarks>
/// Each write carries the observation's own time as its Cassandra write timestamp, so an older
/// observation arriving late never overwrites a newer one (last write wins by observation time),
/// without a read or a lightweight transaction.
/// </remarks>
internal sealed class CassandraObservationStore(CassandraContext db) : IObservationStore
{
    private readonly string _upsert = $"INSERT INTO {db.Keyspace}.observations (endpoint_id, region, json) VALUES (?, ?, ?) USING TTL ?";
    private readonly string _select = $"SELECT json FROM {db.Keyspace}.observations WHERE endpoint_id = ?";

    public async Task UpsertLatestAsync(Observation observation, CancellationToken cancellationToken)
    {
        var statement = await db.BindAsync(_upsert, StoreConsistency.Local, cancellationToken,
            observation.EndpointId, observation.Region, StoreJson.Serialize(observation), (int)db.Options.ObservationTtl.TotalSeconds);
        statement.Timestamp = observation.At;
        statement.IsIdempotent = true;
        try
        {
            await db.Session.ExecuteAsync(statement, cancellationToken);
        }
        catch (ControlPlane.Cql.CqlNoHostAvailableException)
        {
            statement.Consistency = StoreConsistency.Agreed; // the silo's own datacenter is down: through the others
            await db.Session.ExecuteAsync(statement, cancellationToken);
        }
    }

    public async Task UpsertLatestAsync(IReadOnlyCollection<Observation> observations, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(observations, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (observation, ct) => await UpsertLatestAsync(observation, ct));

    public async Task<IReadOnlyList<Observation>> GetLatestAsync(string endpointId, CancellationToken cancellationToken) =>
        (await db.ReadAsync(_select, StoreConsistency.Local, cancellationToken, endpointId))
            .Select(r => StoreJson.Deserialize<Observation>(r.Get<string>(0))).ToList();
}
