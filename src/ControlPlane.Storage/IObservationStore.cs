using ControlPlane.Core.Model;

namespace ControlPlane.Storage;

/// <summary>The latest observation of each endpoint from each region (raw history is not kept here).</summary>
public interface IObservationStore
{
    Task UpsertLatestAsync(Observation observation, CancellationToken cancellationToken);

    /// <summary>Many at once (one transaction on SQLite); an older observation never replaces a newer one.</summary>
    Task UpsertLatestAsync(IReadOnlyCollection<Observation> observations, CancellationToken cancellationToken);

    Task<IReadOnlyList<Observation>> GetLatestAsync(string endpointId, CancellationToken cancellationToken);
}
