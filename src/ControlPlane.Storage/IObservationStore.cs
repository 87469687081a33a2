using ControlPlane.Core.Model;

namespace ControlPlane.Storage;

/// <summary>The latest observation of each endpoint from each region (raw history is not kept here).</summary>
public interface IObservationStore
{
    Task UpsertLatestAsync(Observation observation, CancellationToken cancellationToken);

    Task<IReadOnlyList<Observation>> GetLatestAsync(string endpointId, CancellationToken cancellationToken);
}
