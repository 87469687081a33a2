namespace ControlPlane.Storage;

/// <summary>The whole storage contract. SQLite and Cassandra implement it; one conformance suite tests both.</summary>
public interface IControlPlaneStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema; idempotent, safe to run from several silos at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    IDefinitionStore Definitions { get; }

    IGrainStateStore GrainState { get; }

    IObservationStore Observations { get; }

    IAuditStore Audit { get; }
}
